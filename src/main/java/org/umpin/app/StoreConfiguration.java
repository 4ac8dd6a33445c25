package org.umpin.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;
import org.umpin.store.Database;

/**
 * The store and what hashes into it: the connection pool ({@code umpin.db.*}, migrated, closed as
 * the context stops), the PIN store ({@code umpin.reset.lock-wait-ms}) and the hasher
 * ({@code umpin.hash.*}). The commands open the store through this class too.
 */
public final class StoreConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);
    static final String DEMO_PEPPER = "demo-pepper-change-me";

    /** The {@code umpin.db.*}, {@code umpin.reset.*} and {@code umpin.hash.*} settings, each read here with its bounds. */
    record Settings(String url, String user, String password, int poolSize, Duration connectionTimeout, Duration lockWait,
                    String pepper, int iterations) {

        static Settings of(UmpinSettings settings) {
            return new Settings(settings.text("umpin.db.url"), settings.text("umpin.db.user", ""),
                    settings.text("umpin.db.password", ""), settings.number("umpin.db.pool-size", 1, 200),
                    Duration.ofMillis(settings.number("umpin.db.connection-timeout-ms", 250, 600_000)),
                    Duration.ofMillis(settings.number("umpin.reset.lock-wait-ms", 0, 600_000)),
                    settings.text("umpin.hash.secret"),
                    settings.number("umpin.hash.iterations", SecretHasher.MIN_ITERATIONS, 10_000_000));
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.of(UmpinSettings.of(context));
        HikariDataSource dataSource = open(settings);
        HikariDataSource intents = Database.openIntents(dataSource);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                intents.close();
                dataSource.close();
            }
        });
        context.getRegistry().bind(Beans.DATA_SOURCE, dataSource);
        context.getRegistry().bind(Beans.PIN_STORE, new PinStore(dataSource, intents, settings.lockWait()));
        context.getRegistry().bind(Beans.HASHER, hasher(settings));
    }

    /** The pool, migrated; a store that cannot be opened stops the start with one line. */
    static HikariDataSource open(Settings settings) {
        HikariDataSource dataSource = null;
        try {
            dataSource = Database.open(settings.url(), settings.user(), settings.password(), settings.poolSize(),
                    settings.connectionTimeout());
            Database.migrate(dataSource);
            return dataSource;
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            // the URL is not repeated: it may hold credentials
            throw new StartupException("the store (umpin.db.url) cannot be opened: " + StartupException.reason(e), e);
        }
    }

    static SecretHasher hasher(Settings settings) {
        if (DEMO_PEPPER.equals(settings.pepper())) {
            LOG.warn("umpin.hash.secret is the demo value: set UMPIN_HASH_SECRET to a long random secret in production");
        }
        return new SecretHasher(settings.pepper(), settings.iterations());
    }
}
