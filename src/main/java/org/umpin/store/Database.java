package org.umpin.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** Opens the JDBC store and brings its schema up to date with the versioned migrations. */
public final class Database {

    private Database() {
    }

    /** {@code connectionTimeout}: how long a request waits for a connection before it fails (the database is gone or busy). */
    public static HikariDataSource open(String url, String user, String password, int poolSize, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("umpin");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // Hikari retires a connection on SQLState 08xxx only; H2 reports a lost server as 90067 or
        // 90121, and such a connection would go back to the pool and fail the next request too
        config.setExceptionOverride(e -> e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT);
        return new HikariDataSource(config);
    }

    public static void migrate(HikariDataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
