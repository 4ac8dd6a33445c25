package org.umpin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * A store that Flyway has brought up to date starts without Flyway (Database.isCurrent); every
 * other store still goes through it.
 */
class MigrationsTest {

    @Test
    void theNewestMigrationIsTheNewestScript() throws IOException, URISyntaxException {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (Stream<Path> scripts = Files.list(Path.of(getClass().getResource("/db/migration").toURI()))) {
            newest = scripts.map(p -> version.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertEquals(newest, Database.NEWEST_MIGRATION, "Database.NEWEST_MIGRATION must name the newest script");
    }

    @Test
    void aStoreOneScriptBehindIsMigrated() throws SQLException {
        try (HikariDataSource store = open("behind")) {
            Flyway.configure().dataSource(store).locations("classpath:db/migration")
                    .target(String.valueOf(Database.NEWEST_MIGRATION - 1)).load().migrate();
            assertEquals(Database.NEWEST_MIGRATION - 1, newestApplied(store));
            Database.migrate(store);
            assertEquals(Database.NEWEST_MIGRATION, newestApplied(store));
        }
    }

    @Test
    void aStoreWithAFailedScriptGoesToFlyway() throws SQLException {
        try (HikariDataSource store = open("failed")) {
            Database.migrate(store);
            execute(store, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                    + Database.NEWEST_MIGRATION + "'");
            // Flyway refuses a store with a failed migration: it was asked
            assertThrows(FlywayException.class, () -> Database.migrate(store));
        }
    }

    @Test
    void anUpToDateStoreStartsWithoutFlyway() throws SQLException {
        try (HikariDataSource store = open("current")) {
            Database.migrate(store);
            // Flyway would refuse this checksum; it is not asked
            execute(store, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");
            Database.migrate(store);
            assertEquals(Database.NEWEST_MIGRATION, newestApplied(store));
        }
    }

    private static HikariDataSource open(String name) {
        return Database.open("jdbc:h2:mem:migrations-" + name + ";DB_CLOSE_DELAY=-1", "", "", 2, Duration.ofSeconds(5));
    }

    private static void execute(HikariDataSource store, String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static int newestApplied(HikariDataSource store) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"")) {
            r.next();
            return r.getInt(1);
        }
    }
}
