package org.umpin.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, on a free loopback port with its own data folder.
 * Binaries: the folder in {@code UMPIN_PG_BIN}, else the machine's own
 * ({@code /usr/lib/postgresql/<version>/bin}), else PostgreSQL 16 from Maven Central
 * (io.zonky.test.postgres's binaries, unpacked once under the temporary folder), so that the
 * tests need nothing but Java and Maven. PostgreSQL refuses to run as root: a root test run
 * starts it as {@code postgres}, or {@code nobody} where there is no such user. It can be
 * stopped and started again on the same data.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "umpin";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates a cluster with a database {@value #DATABASE} and starts it. */
    public static PostgresServer start() throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("umpin-pg-");
        PostgresServer server = new PostgresServer(bin, dir, UmpinServer.freePort());
        if (isRoot()) {
            server.exec(false, List.of("chown", "-R", unprivilegedUser(), dir.toString()));
        }
        server.exec(true, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"));
        server.startAgain();
        try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return server;
    }

    /** The JDBC URL of the test database. */
    public String url() {
        return url(DATABASE);
    }

    /** A new empty database on this server, for a test that wants a store of its own; its JDBC URL. */
    public String createDatabase() throws SQLException {
        String name = "umpin_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server as an operator's restart does: connections are cut, nothing committed is lost. */
    public void stop() throws Exception {
        exec(true, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts it again on the same port and data. */
    public void startAgain() throws Exception {
        exec(true, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start"));
    }

    @Override
    public void close() throws Exception {
        try {
            exec(true, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void exec(boolean asPostgres, List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", unprivilegedUser(), "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output + log);
        }
    }

    private static String unprivilegedUser() throws Exception {
        Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        return id.waitFor() == 0 ? "postgres" : "nobody";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** UMPIN_PG_BIN ("bundled": the Maven Central binaries), else the newest installed, else the Maven Central ones. */
    private static Path binaries() throws IOException {
        String configured = System.getenv("UMPIN_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured.equals("bundled") ? bundled() : Path.of(configured);
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        return bundled();
    }

    /** PostgreSQL from the test classpath's binaries jar, unpacked once (a marker file says it is complete). */
    private static synchronized Path bundled() throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "umpin-postgres-16.4.0");
        Path done = home.resolve(".unpacked");
        if (!Files.exists(done)) {
            try (InputStream txz = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
                if (txz == null) {
                    throw new IOException("the PostgreSQL binaries jar is not on the test classpath");
                }
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        Path target = home.resolve(entry.getName()).normalize();
                        if (!target.startsWith(home)) {
                            throw new IOException("entry outside the folder: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else if (entry.isSymbolicLink()) {
                            Files.createDirectories(target.getParent());
                            Files.deleteIfExists(target);
                            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                            if ((entry.getMode() & 0100) != 0) {
                                target.toFile().setExecutable(true, false);
                            }
                            target.toFile().setReadable(true, false);
                        }
                    }
                }
            }
            Files.createFile(done);
        }
        return home.resolve("bin");
    }
}
