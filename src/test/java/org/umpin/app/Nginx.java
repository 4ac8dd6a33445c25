package org.umpin.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package; {@code .ci/run} installs it) on a free loopback port, in the
 * foreground, with its own prefix folder: a reverse proxy in front of one umpin, configured as
 * docs/production.md tells an operator to.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Skips the test where nginx is not installed, except in CI, where its absence is a failure. */
    static void assumeInstalled() {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(BINARY), "nginx is not installed (apt-get install nginx-light; .ci/run does)");
        }
    }

    /** nginx on 127.0.0.1, forwarding everything to {@code upstreamPort} with the headers of docs/production.md. */
    static Nginx proxyTo(int upstreamPort) throws Exception {
        assumeInstalled();
        Path dir = Files.createTempDirectory("umpin-nginx-");
        Files.createDirectories(dir.resolve("logs"));
        int port = UmpinServer.freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr warn;
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
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", "stderr").redirectErrorStream(true).redirectOutput(dir.resolve("logs/output.txt").toFile()).start();
        Nginx nginx = new Nginx(process, port, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/output.txt")));
                }
                Thread.sleep(50);
            }
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
