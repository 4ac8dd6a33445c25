package org.umpin.app;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.LdapDirectory;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.mailbox.MailboxFile;
import org.umpin.secret.SecretHasher;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;

/**
 * Who the callers are: the directory (the store's own, or LDAP mirrored into the store), the demo
 * mailboxes, the roles ({@code umpin.admin.*}, {@code umpin.telephony.*}) and the logins'
 * failed-login bounds and cache ({@code umpin.throttle.failed-logins-*}, {@code umpin.auth.cache-seconds}).
 */
public final class DirectoryConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryConfiguration.class);
    /** The most logins umpin.auth.cache-seconds keeps: a few MB at most, more callers than any front end has. */
    static final int VERIFIED_LOGINS = 10_000;
    /** The demo mailboxes' SMTP addresses, for the embedded mail server's accounts. */
    static final String DEMO_ADDRESSES = "umpinDemoAddresses";

    /** Which callers hold which role: the logins listed, and with LDAP the members of a group. */
    record Roles(Predicate<Mailbox> administrators, Predicate<Mailbox> telephony) {
    }

    /** How a login is checked: the failed-login bounds, the cache of verified logins, the check itself. */
    record Logins(FailedLogins failed, VerifiedLogins verified, LoginCheck check) {
    }

    /** A role's logins and its LDAP group. */
    record Role(Set<String> members, String groupSetting, String group) {
    }

    /** The {@code umpin.directory}, {@code umpin.auth.domain}, role and failed-login settings, each read here. */
    public record Settings(boolean ldap, String domain, String demoMailboxes, Duration cache, FailedLogins.Bound failedLogins,
                    Role administrators, Role telephony) {

        public static Settings of(UmpinSettings settings) {
            String kind = settings.text("umpin.directory");
            if (!kind.equals("embedded") && !kind.equals("ldap")) {
                throw new IllegalArgumentException("setting umpin.directory must be embedded or ldap, got \"" + kind + "\"");
            }
            return new Settings(kind.equals("ldap"), settings.text("umpin.auth.domain"), settings.text("umpin.demo.mailboxes", ""),
                    Duration.ofSeconds(settings.number("umpin.auth.cache-seconds", 0, 3600)),
                    new FailedLogins.Bound(settings.number("umpin.throttle.failed-logins-per-user", 0, 1_000_000),
                            settings.number("umpin.throttle.failed-logins-per-address", 0, 1_000_000),
                            Duration.ofMinutes(settings.number("umpin.throttle.failed-logins-window-minutes", 1, 10_080))),
                    new Role(settings.logins("umpin.admin.members"), "umpin.admin.group", settings.text("umpin.admin.group", "")),
                    new Role(settings.logins("umpin.telephony.members"), "umpin.telephony.group",
                            settings.text("umpin.telephony.group", "")));
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinSettings all = UmpinSettings.of(context);
        Settings settings = Settings.of(all);
        Registry registry = context.getRegistry();
        HikariDataSource dataSource = Beans.get(context, Beans.DATA_SOURCE, HikariDataSource.class);
        MailboxDirectory mailboxes = new MailboxDirectory(dataSource, Beans.get(context, Beans.HASHER, SecretHasher.class),
                settings.domain());
        Optional<LdapDirectory> ldap = settings.ldap() ? Optional.of(ldap(all, settings, mailboxes, dataSource)) : Optional.empty();
        if (ldap.isPresent()) {
            registry.bind(LDAP, ldap.get());
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    ldap.get().close();
                }
            });
        }
        Directory directory = ldap.isPresent() ? ldap.get() : mailboxes;
        registry.bind(Beans.DIRECTORY, directory);
        // the demo mailboxes are for the embedded directory: with LDAP the directory has the mailboxes
        List<MailboxFile.Entry> demo = ldap.isPresent() ? List.of() : loadMailboxFile(settings.demoMailboxes(), mailboxes);
        registry.bind(DEMO_ADDRESSES, demo.stream().map(e -> e.mailbox().smtpAddress()).flatMap(Optional::stream).toList());
        registry.bind(Beans.ROLES, new Roles(role(settings.administrators(), ldap), role(settings.telephony(), ldap)));
        FailedLogins failed = new FailedLogins(dataSource, settings.failedLogins(), Clock.systemUTC());
        VerifiedLogins verified = new VerifiedLogins(settings.cache(), VERIFIED_LOGINS, Clock.systemUTC());
        registry.bind(Beans.LOGINS, new Logins(failed, verified, LoginCheck.of(directory, failed, verified)));
    }

    /** The LDAP directory, when umpin.directory is ldap: readiness probes it as {@code umpinLdapDirectory}. */
    static final String LDAP = "umpinLdapDirectory";

    /**
     * A role: the logins in {@code members}, and with LDAP the members of the group the setting
     * names, nested ones as umpin.ldap.nested-groups says.
     */
    private static Predicate<Mailbox> role(Role role, Optional<LdapDirectory> ldap) {
        if (!role.group().isEmpty() && ldap.isEmpty()) {
            throw new IllegalArgumentException("setting " + role.groupSetting() + " needs umpin.directory = ldap");
        }
        return mailbox -> role.members().contains(mailbox.login())
                || (!role.group().isEmpty() && ldap.get().isMember(mailbox.login(), role.group()));
    }

    private static LdapDirectory ldap(UmpinSettings settings, Settings directory, MailboxDirectory mirror,
                                      HikariDataSource dataSource) {
        LdapDirectory.Settings ldap = new LdapDirectory.Settings(settings.text("umpin.ldap.url"),
                settings.text("umpin.ldap.bind-dn", ""), settings.text("umpin.ldap.bind-password", ""),
                settings.text("umpin.ldap.base-dn"), settings.text("umpin.ldap.user-filter"),
                settings.text("umpin.ldap.attribute.login"), settings.text("umpin.ldap.attribute.display-name"),
                settings.text("umpin.ldap.attribute.smtp-address"), settings.text("umpin.ldap.attribute.um-enabled"),
                settings.text("umpin.ldap.attribute.extension"), settings.text("umpin.ldap.attribute.language"),
                settings.text("umpin.ldap.attribute.pin-policy"),
                Duration.ofMillis(settings.number("umpin.ldap.timeout-ms", 100, 600_000)),
                settings.parsed("umpin.ldap.nested-groups", LdapDirectory.NestedGroups::named));
        try {
            // as many LDAP connections as the store has: each request holds at most one of each
            return new LdapDirectory(ldap, mirror, directory.domain(), dataSource.getMaximumPoolSize());
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static List<MailboxFile.Entry> loadMailboxFile(String file, MailboxDirectory directory) throws IOException {
        if (file.isEmpty()) {
            return List.of();
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("setting umpin.demo.mailboxes: no file " + path.toAbsolutePath());
        }
        List<MailboxFile.Entry> entries = MailboxFile.read(path);
        int added = MailboxFile.loadIfEmpty(directory, entries);
        if (added > 0) {
            LOG.info("Loaded {} demo mailboxes from {} (for trying umpin out only)", added, path);
        }
        return entries;
    }
}
