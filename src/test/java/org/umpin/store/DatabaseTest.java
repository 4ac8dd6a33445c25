package org.umpin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The H2 store keeps every kind of statement umpin runs parsed, and a page cache that fits
 * bin/umpin's heap, unless its URL says otherwise.
 */
class DatabaseTest {

    @Test
    void anH2StoreKeepsMoreParsedStatementsThanAResetRuns() throws SQLException {
        try (HikariDataSource store = Database.open("jdbc:h2:mem:query-cache;DB_CLOSE_DELAY=-1", "", "", 2, Duration.ofSeconds(5))) {
            assertEquals(Database.QUERY_CACHE_SIZE, setting(store, "QUERY_CACHE_SIZE"));
            assertEquals(Database.CACHE_SIZE_KB, setting(store, "CACHE_SIZE"));
        }
    }

    @Test
    void theUrlsOwnSettingsWin() throws SQLException {
        try (HikariDataSource store = Database.open("jdbc:h2:mem:query-cache-own;DB_CLOSE_DELAY=-1;query_cache_size=16;cache_size=2048", "", "", 2,
                Duration.ofSeconds(5))) {
            assertEquals("16", setting(store, "QUERY_CACHE_SIZE"));
            assertEquals("2048", setting(store, "CACHE_SIZE"));
        }
    }

    private static String setting(HikariDataSource store, String name) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            r.next();
            return r.getString(1);
        }
    }
}
