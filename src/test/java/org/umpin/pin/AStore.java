package org.umpin.pin;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.umpin.store.Database;

/** For the pin package's tests: a real in-memory H2 store, migrated, with alice's mailbox in it. */
record AStore(HikariDataSource store, long aliceId) implements AutoCloseable {

    static AStore withAlice(int poolSize) throws SQLException {
        HikariDataSource store = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", poolSize,
                Duration.ofSeconds(1));
        Database.migrate(store);
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO mailbox (login, display_name, password_hash, um_enabled, enabled)"
                    + " VALUES ('alice', 'Alice', 'x', TRUE, TRUE)", Statement.RETURN_GENERATED_KEYS);
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return new AStore(store, keys.getLong(1));
            }
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
