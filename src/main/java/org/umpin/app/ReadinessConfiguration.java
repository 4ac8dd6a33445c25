package org.umpin.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.umpin.mailbox.LdapDirectory;
import org.umpin.notify.SmtpRelay;
import org.umpin.observe.DependencyCheck;
import org.umpin.store.Database;

/**
 * Readiness ({@code /observe/health/ready}): DOWN while the store, the SMTP relay or the LDAP
 * directory cannot be reached, each probe's answer kept {@code umpin.health.cache-ms}.
 */
public final class ReadinessConfiguration implements CamelConfiguration {

    /** A probe of the relay waits at most this long, whatever umpin.mail.timeout-ms says. */
    private static final Duration MAIL_PROBE_AT_MOST = Duration.ofSeconds(2);

    @Override
    public void configure(CamelContext context) {
        UmpinSettings settings = UmpinSettings.of(context);
        Duration cacheTime = Duration.ofMillis(settings.number("umpin.health.cache-ms", 0, 600_000));
        Duration mailTimeout = MailConfiguration.Settings.of(settings).timeout();
        Duration probeTimeout = mailTimeout.compareTo(MAIL_PROBE_AT_MOST) < 0 ? mailTimeout : MAIL_PROBE_AT_MOST;
        Registry registry = context.getRegistry();
        HikariDataSource dataSource = Beans.get(context, Beans.DATA_SOURCE, HikariDataSource.class);
        registry.bind("storeHealthCheck", new DependencyCheck("store", () -> Database.ping(dataSource), cacheTime));
        LdapDirectory ldap = registry.lookupByNameAndType(DirectoryConfiguration.LDAP, LdapDirectory.class);
        if (ldap != null) {
            registry.bind("directoryHealthCheck", new DependencyCheck("directory", ldap::ping, cacheTime));
        }
        SmtpRelay relay = Beans.get(context, Beans.RELAY, SmtpRelay.class);
        registry.bind("smtpRelayHealthCheck", new DependencyCheck("smtp-relay", () -> relay.check(probeTimeout), cacheTime));
    }
}
