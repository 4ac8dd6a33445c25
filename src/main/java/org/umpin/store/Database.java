package org.umpin.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/** Opens the JDBC store and brings its schema up to date with the versioned migrations. */
public final class Database {

    private Database() {
    }

    /** How many statements each H2 connection keeps parsed: more than every kind umpin runs. */
    static final String QUERY_CACHE_SIZE = "64";

    /** H2's page cache, in KiB: the pages a reset reads, in bin/umpin's heap, and not the pages its commits write for long. */
    static final String CACHE_SIZE_KB = "1024";

    /** {@code connectionTimeout}: how long a request waits for a connection before it fails (the database is gone or busy). */
    public static HikariDataSource open(String url, String user, String password, int poolSize, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("umpin");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        if (url.startsWith("jdbc:h2:")) {
            // H2 parses a statement again unless it is among the last 8 its connection ran, and
            // a reset runs more than 8 kinds: each was parsed at every reset (a twentieth of its
            // CPU, docs/performance.md#what-profiling-changed)
            defaultSetting(config, url, "QUERY_CACHE_SIZE", QUERY_CACHE_SIZE);
            // H2 keeps 16 MB of pages, and every commit's pages go through them into the old
            // generation: with 4 MB, a load's full collections were a fifth as many, with 1 MB
            // they die young and the tail of a load's latency went with them
            // (docs/performance.md#the-tail)
            defaultSetting(config, url, "CACHE_SIZE", CACHE_SIZE_KB);
        }
        return retiringLostConnections(config);
    }

    /** The pool of {@code config}, which retires all its connections when one reports the server lost ({@link LostServer}). */
    private static HikariDataSource retiringLostConnections(HikariConfig config) {
        LostServer lostServer = new LostServer();
        config.setExceptionOverride(lostServer);
        HikariDataSource pool = new HikariDataSource(config);
        lostServer.pools.add(pool);
        return pool;
    }

    /**
     * The small pool a reset commits its intent through while it holds a connection of
     * {@code main} and its mailbox's lock: from {@code main} itself, resets that each hold one
     * connection and wait for a second could empty the pool and wait for each other. Its
     * connections are held for one statement each, and made only when wanted.
     */
    public static HikariDataSource openIntents(HikariDataSource main) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("umpin-intents");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setMaximumPoolSize(Math.min(main.getMaximumPoolSize(), 4));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(main.getConnectionTimeout());
        config.setInitializationFailTimeout(-1); // the main pool has checked the store already
        // one server lost is both pools' connections lost: whichever pool notices retires the other's too
        LostServer lostServer = (LostServer) main.getExceptionOverride();
        config.setExceptionOverride(lostServer);
        HikariDataSource intents = new HikariDataSource(config);
        lostServer.pools.add(intents);
        return intents;
    }

    /** An H2 setting of umpin's, unless the URL sets it itself (H2 refuses a setting given twice). */
    private static void defaultSetting(HikariConfig config, String url, String name, String value) {
        if (!Pattern.compile(";\\s*" + name + "\\s*=", Pattern.CASE_INSENSITIVE).matcher(url).find()) {
            config.addDataSourceProperty(name, value);
        }
    }

    /** The version of the newest script under db/migration ({@code MigrationsTest} holds it to the files). */
    static final int NEWEST_MIGRATION = 7;

    public static void migrate(HikariDataSource dataSource) {
        if (!isCurrent(dataSource)) {
            // Flyway holds two connections at once: its own, so that a pool of one connection works
            Flyway.configure().dataSource(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword())
                    .locations("classpath:db/migration").load().migrate();
        }
        if (dataSource.getJdbcUrl().startsWith("jdbc:h2:")) {
            // H2 writes a commit to its file up to 500 ms later by default: a process killed in
            // that window would lose resets already answered. A commit is written at once instead.
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            } catch (SQLException e) {
                throw new StoreException("the H2 store cannot be set to write each commit at once", e);
            }
        }
    }

    /**
     * Whether Flyway has applied every script up to {@link #NEWEST_MIGRATION}, all of them
     * successfully, and nothing newer. Then Flyway is not started: finding its scripts, it reads
     * every entry of the jar, a quarter of a second of each start for nothing. A store it has
     * never seen, one behind, one that a newer umpin migrated or one with a failed script goes
     * to Flyway, which migrates it or says what is wrong, as before.
     */
    private static boolean isCurrent(HikariDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"version\" IS NOT NULL")) {
            int newest = 0;
            while (r.next()) {
                if (!r.getBoolean(2)) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(r.getString(1)));
            }
            return newest == NEWEST_MIGRATION;
        } catch (SQLException | NumberFormatException e) {
            return false; // no history table yet (a new store), or versions that are not ours
        }
    }

    /** Throws when the store cannot give a working connection now: the readiness probe. */
    public static void ping(HikariDataSource pool) {
        try (Connection c = pool.getConnection()) {
            if (!c.isValid(2)) {
                // the server dropped it, and with it every other pooled connection (see LostServer)
                pool.evictConnection(c);
                pool.getHikariPoolMXBean().softEvictConnections();
                throw new StoreException("the store cannot be reached (no answer to a check within 2 s)", null);
            }
        } catch (SQLException e) {
            throw new StoreException("the store cannot be reached", e);
        }
    }

    /**
     * A lost database server breaks every pooled connection at once, so all of them are retired
     * when one reports it; otherwise each would fail one more request before the pool noticed.
     * Hikari itself retires only the one connection, and only for SQLState 08xxx and a few
     * others: H2 reports a lost server as 90067 or 90121, which it would keep.
     */
    private static final class LostServer implements SQLExceptionOverride {

        /** The pools of the one server: the main one, and the intents' ({@link #openIntents}). */
        private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            if (isLostServer(e)) {
                pools.forEach(pool -> pool.getHikariPoolMXBean().softEvictConnections());
                return Override.MUST_EVICT;
            }
            return Override.CONTINUE_EVICT;
        }

        /** Connection failures (SQLState 08xxx), a server shutting down (57P01-57P03), H2's lost sessions. */
        private static boolean isLostServer(SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            return e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                    || state.startsWith("08") || state.startsWith("57P0");
        }
    }
}
