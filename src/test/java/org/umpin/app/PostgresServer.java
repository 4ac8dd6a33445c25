package org.umpin.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * A real PostgreSQL server for the tests, on a free loopback port with its own data folder:
 * the machine's own binaries ({@code /usr/lib/postgresql/<version>/bin}, or the folder in
 * {@code UMPIN_PG_BIN}), run as the {@code postgres} user when the tests run as root, since
 * PostgreSQL refuses to run as root. It can be stopped and started again on the same data.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "umpin";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates a cluster with a database {@value #DATABASE} and starts it. */
    static PostgresServer start() throws Exception {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server binaries: install the Debian package postgresql (.ci/run does) or set UMPIN_PG_BIN"));
        Path dir = Files.createTempDirectory("umpin-pg-");
        PostgresServer server = new PostgresServer(bin, dir, UmpinServer.freePort());
        if (isRoot()) {
            server.exec(false, List.of("chown", "-R", "postgres:postgres", dir.toString()));
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
    String url() {
        return url(DATABASE);
    }

    /** A new empty database on this server, for a test that wants a store of its own; its JDBC URL. */
    String createDatabase() throws SQLException {
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
    void stop() throws Exception {
        exec(true, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts it again on the same port and data. */
    void startAgain() throws Exception {
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
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output + log);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> binaries() throws IOException {
        String configured = System.getenv("UMPIN_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(installed)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(installed)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }
}
