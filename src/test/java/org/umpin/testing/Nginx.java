package org.umpin.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real nginx (Debian's package; {@code .ci/run} installs it) on a free loopback port, in the
 * foreground, with its own prefix folder: a reverse proxy in front of one umpin, configured as
 * docs/production.md tells an operator to.
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** nginx on 127.0.0.1, forwarding everything to {@code upstreamPort} with the headers of docs/production.md. */
    public static Nginx proxyTo(int upstreamPort) throws Exception {
        LocalServer.assumeInstalled(Files.isExecutable(BINARY), "nginx is not installed (apt-get install nginx-light; .ci/run does)");
        Path dir = Files.createTempDirectory("umpin-nginx-");
        Files.createDirectories(dir.resolve("logs"));
        int port = UmpinServer.freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """.formatted(dir, port, upstreamPort));
        // at notice, nginx logs "start worker processes" once its port is open
        Process process = LocalServer.start(new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-e", "stderr"), dir.resolve("logs/output.txt"), "start worker processes");
        return new Nginx(process, port, dir);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        LocalServer.stop(process, dir);
    }
}
