package org.umpin.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.ResetAttempt;
import org.umpin.http.BasicAuthentication;
import org.umpin.http.RequestSizeLimit;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.LdapDirectory;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.mailbox.MailboxFile;
import org.umpin.notify.NotificationComposer;
import org.umpin.notify.SmtpRelay;
import org.umpin.observe.DependencyCheck;
import org.umpin.observe.ResetMetrics;
import org.umpin.pin.PinGenerator;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinStore;
import org.umpin.secret.KeyStoreFile;
import org.umpin.secret.SecretHasher;
import org.umpin.soap.AnswerUmProperties;
import org.umpin.soap.ChangeVoiceMailSetting;
import org.umpin.soap.CheckUmEnabled;
import org.umpin.soap.IdentifyCaller;
import org.umpin.soap.ImpersonationHeaders;
import org.umpin.soap.InvalidRequestFaults;
import org.umpin.soap.ReadRequest;
import org.umpin.soap.ResetAttempts;
import org.umpin.soap.ResetPinFaults;
import org.umpin.soap.SoapRequestGuard;
import org.umpin.soap.Wsdl;
import org.umpin.soap.WsdlAddress;
import org.umpin.steps.CheckMailbox;
import org.umpin.steps.CommitPin;
import org.umpin.steps.ComposeNotification;
import org.umpin.steps.GeneratePin;
import org.umpin.steps.LimitResets;
import org.umpin.steps.LockMailbox;
import org.umpin.steps.SendPinMail;
import org.umpin.steps.StorePin;
import org.umpin.store.Database;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;
import org.umpin.voicemail.VoiceMailSetting;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * Binds umpin's beans from the {@code umpin.*} settings (those an application leaves out from
 * the jar's defaults, {@link UmpinDefaults}): the names below are the ones the route files
 * use. The route itself is YAML under {@code routes/}, and in the jar under {@code routes/}
 * on the class path for an application that embeds umpin ({@link #addTo}).
 */
public class UmpinConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(UmpinConfiguration.class);
    static final String DEMO_PEPPER = "demo-pepper-change-me";

    /** The route files, as the jar carries them (a copy of routes/). */
    public static final List<String> ROUTES = List.of("classpath:routes/um-legacy.camel.yaml",
            "classpath:routes/reset-pin.camel.yaml",
            "classpath:routes/soap-faults.camel.yaml", "classpath:routes/new-pin.camel.yaml",
            "classpath:routes/telephony.camel.yaml", "classpath:routes/web.camel.yaml");

    /**
     * The clock of every PIN rule (lifetime, expiry, the hourly reset limit): the system's, unless
     * the registry holds a {@link Clock} by this name (a test that moves time).
     */
    public static final String CLOCK = "umpinClock";

    /**
     * Embeds umpin in a CamelContext that Camel Main does not run (a plain one, Spring Boot's):
     * binds its beans from the context's properties and loads its routes from the class path.
     * Call it before the context starts. A Camel Main application instead adds this class as a
     * configuration and {@code classpath:routes/*.camel.yaml} to its routes-include-pattern.
     */
    public static void addTo(CamelContext context) throws Exception {
        new UmpinConfiguration().configure(context);
        for (String route : ROUTES) {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(route));
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinDefaults.addTo(context.getPropertiesComponent());
        UmpinSettings settings = new UmpinSettings(context.getPropertiesComponent()::resolveProperty);
        Registry registry = context.getRegistry();

        HikariDataSource dataSource = openStore(settings);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        });
        // PBKDF2 compiled while the rest starts, on the other core: the first reset came 0.1 s sooner
        Thread warmUp = new Thread(SecretHasher::warmUp, "umpin-hash-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        SecretHasher hasher = secretHasher(settings);
        MailboxDirectory mailboxes = new MailboxDirectory(dataSource, hasher, settings.text("umpin.auth.domain"));
        Optional<LdapDirectory> ldap = ldapDirectory(settings, mailboxes);
        if (ldap.isPresent()) {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    ldap.get().close();
                }
            });
        }
        Directory directory = ldap.isPresent() ? ldap.get() : mailboxes;
        // the demo mailboxes are for the embedded directory: with LDAP the directory has the mailboxes
        List<MailboxFile.Entry> demo = ldap.isPresent() ? List.of() : loadMailboxFile(settings, mailboxes);
        SmtpRelay relay = smtpRelay(settings);
        if (settings.flag("umpin.mail.embedded")) {
            if (relay.security() != SmtpRelay.Security.NONE) {
                throw new IllegalArgumentException("setting umpin.mail.security must be none with umpin.mail.embedded = true:"
                        + " the embedded mail server speaks plain SMTP");
            }
            context.addService(new EmbeddedMailServer(settings.text("umpin.mail.host"),
                    settings.number("umpin.mail.port", 1, 65535), settings.number("umpin.mail.embedded.imap-port", 1, 65535),
                    demo.stream().map(e -> e.mailbox().smtpAddress()).flatMap(Optional::stream).toList(),
                    settings.text("umpin.mail.embedded.password")));
        }
        MeterRegistry meters = meterRegistry(registry);
        context.addStartupListener(ResetMetrics.withoutEndpointNamesOrVersions(meters));
        ResetMetrics metrics = new ResetMetrics(meters, Wsdl.OPERATIONS);
        metrics.countDerivations(hasher);
        context.getManagementStrategy().addEventNotifier(metrics.smtpSends());
        AuditTrail audit = new AuditTrail(dataSource);
        int retentionDays = settings.number("umpin.audit.retention-days", 0, 36_500);
        if (retentionDays > 0) {
            context.addService(new AuditRetention(context, audit, Duration.ofDays(retentionDays), Clock.systemUTC()));
        }
        ResetAttempts attempts = new ResetAttempts(List.<Consumer<ResetAttempt>>of(metrics::attempt, audit::record));
        FailedLogins failedLogins = new FailedLogins(dataSource, new FailedLogins.Bound(
                settings.number("umpin.throttle.failed-logins-per-user", 0, 1_000_000),
                settings.number("umpin.throttle.failed-logins-per-address", 0, 1_000_000),
                Duration.ofMinutes(settings.number("umpin.throttle.failed-logins-window-minutes", 1, 10_080))), Clock.systemUTC());
        bindReadinessChecks(registry, settings, dataSource, ldap, relay);
        PinPolicies policies = settings.policies();
        Clock clock = Optional.ofNullable(registry.lookupByNameAndType(CLOCK, Clock.class)).orElse(Clock.systemUTC());
        PinStore pinStore = new PinStore(dataSource,
                Duration.ofMillis(settings.number("umpin.reset.lock-wait-ms", 0, 600_000)));

        registry.bind("umpinDataSource", dataSource);
        registry.bind("mailboxDirectory", directory);
        HttpDoor door = HttpDoor.of(context, settings);
        VerifiedLogins verified = new VerifiedLogins(Duration.ofSeconds(settings.number("umpin.auth.cache-seconds", 0, 3600)),
                VERIFIED_LOGINS, Clock.systemUTC());
        BasicAuthentication authentication = new BasicAuthentication(directory, settings.text("umpin.auth.realm"),
                failedLogins, verified, attempts, settings.flag("umpin.auth.allow-basic-over-http"), (message, e) -> {
                    throw ResetPinFaults.internalServerError(e, RequestStart.correlationId(message.getExchange()));
                });
        CxfEndpoint soapEndpoint = soapEndpoint(context, settings, door, authentication, attempts);
        metrics.countRefusals(soapEndpoint.getProperties());
        registry.bind("umLegacyService", soapEndpoint);
        context.addStartupListener(requireRouteFrom(soapEndpoint));
        registry.bind("readResetPinRequest", ReadRequest.of("ResetPIN"));
        bindVoiceMailSettingSteps(registry, settings, dataSource, clock);
        Predicate<Mailbox> administrators = role(settings.logins("umpin.admin.members"), "umpin.admin.group",
                settings.text("umpin.admin.group", ""), ldap);
        registry.bind("identifyCaller", new IdentifyCaller(directory, administrators));
        ManagementPort.open(context, settings, meters,
                ManagementDoor.of(settings, directory, failedLogins, verified, administrators));
        registry.bind("checkMailbox", new CheckMailbox(policies));
        registry.bind("lockMailbox", new LockMailbox(pinStore, metrics));
        registry.bind("limitResets", new LimitResets(settings.number("umpin.throttle.resets-per-hour", 0, 1_000_000),
                clock));
        bindNewPinSteps(context, settings, hasher, clock, metrics, relay);
        registry.bind("resetPinFaults", new ResetPinFaults());

        Predicate<Mailbox> telephony = role(settings.logins("umpin.telephony.members"), "umpin.telephony.group",
                settings.text("umpin.telephony.group", ""), ldap);
        new TelephonyConfiguration(context, directory, policies, hasher, pinStore, clock, metrics, meters, audit,
                telephony, administrators).bind(door, authentication, attempts,
                settings.number("umpin.telephony.max-request-bytes", 256, 1 << 20));
        WebConfiguration.bind(context, settings, door, LoginCheck.of(directory, failedLogins, verified), directory,
                administrators, pinStore, policies, dataSource, audit);
    }

    /** The steps of routes/um-legacy.camel.yaml's operations other than ResetPIN. */
    private static void bindVoiceMailSettingSteps(Registry registry, UmpinSettings settings, DataSource dataSource, Clock clock) {
        VoiceMailSettingsStore store = new VoiceMailSettingsStore(dataSource);
        registry.bind("readIsUmEnabledRequest", ReadRequest.of("IsUMEnabled"));
        registry.bind("readGetUmPropertiesRequest", ReadRequest.of("GetUMProperties"));
        registry.bind("readSetOofStatusRequest", ReadRequest.of("SetOofStatus", "status"));
        registry.bind("readSetMissedCallNotificationEnabledRequest", ReadRequest.of("SetMissedCallNotificationEnabled", "status"));
        registry.bind("readSetPlayOnPhoneDialStringRequest", ReadRequest.of("SetPlayOnPhoneDialString", "dialString"));
        // MS-OXWUMS spells it base64FolderId, and base64FolderID in its own example
        registry.bind("readSetTelephoneAccessFolderEmailRequest",
                ReadRequest.of("SetTelephoneAccessFolderEmail", "base64FolderId", "base64FolderID"));
        registry.bind("checkUmEnabled", new CheckUmEnabled());
        registry.bind("answerUmProperties", new AnswerUmProperties(store, settings.telephoneAccessNumbers()));
        registry.bind("setOofStatus", new ChangeVoiceMailSetting(VoiceMailSetting.OOF_STATUS, store, clock));
        registry.bind("setMissedCallNotificationEnabled",
                new ChangeVoiceMailSetting(VoiceMailSetting.MISSED_CALL_NOTIFICATION_ENABLED, store, clock));
        registry.bind("setPlayOnPhoneDialString", new ChangeVoiceMailSetting(VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING, store, clock));
        registry.bind("setTelephoneAccessFolderEmail",
                new ChangeVoiceMailSetting(VoiceMailSetting.TELEPHONE_ACCESS_FOLDER_EMAIL, store, clock));
    }

    /** The most logins umpin.auth.cache-seconds keeps: a few MB at most, more callers than any front end has. */
    static final int VERIFIED_LOGINS = 10_000;

    /** The route file of {@code direct:new-pin}, the reset every way in shares. */
    static final String NEW_PIN_ROUTE = "routes/new-pin.camel.yaml";

    /**
     * The steps of {@code direct:new-pin} ({@link #NEW_PIN_ROUTE}): for the service, and for the
     * command line's {@code pin reset}, which runs the same route in a context of its own.
     */
    static void bindNewPinSteps(CamelContext context, UmpinSettings settings, SecretHasher hasher, Clock clock,
                                ResetMetrics metrics, SmtpRelay relay) throws Exception {
        Registry registry = context.getRegistry();
        Session mailSession = relay.session(Duration.ofMillis(settings.number("umpin.mail.timeout-ms", 100, 600_000)));
        registry.bind(MAIL_SESSION, mailSession);
        context.addStartupListener(requireMailSession(mailSession));
        registry.bind("generatePin", new GeneratePin(new PinGenerator(), hasher));
        registry.bind("storePin", new StorePin(hasher, clock, metrics));
        registry.bind("composeNotification", new ComposeNotification(
                new NotificationComposer(folder(settings.text("umpin.mail.templates"))), settings.text("umpin.mail.from")));
        registry.bind("sendPinMail", new SendPinMail(context.createProducerTemplate()));
        registry.bind("commitPin", new CommitPin(metrics));
        // read by routes/new-pin.camel.yaml; checked here so that a bad value stops the start clearly
        settings.number("umpin.mail.retries", 0, 20);
        settings.number("umpin.mail.retry-delay-ms", 0, 600_000);
        settings.number("umpin.mail.retry-backoff", 1, 10);
    }

    /** The relay's Jakarta Mail session, as the pin-mail route's smtp URI names it ({@code session=#umpinMailSession}). */
    static final String MAIL_SESSION = "umpinMailSession";

    /** The SMTP relay of the {@code umpin.mail.*} settings. */
    static SmtpRelay smtpRelay(UmpinSettings settings) {
        SmtpRelay.Security security = settings.parsed("umpin.mail.security", SmtpRelay.Security::named);
        String username = settings.text("umpin.mail.username", "");
        Optional<SmtpRelay.Login> login = username.isEmpty() ? Optional.empty()
                : Optional.of(new SmtpRelay.Login(username, settings.text("umpin.mail.password", "")));
        String trustStore = settings.text("umpin.mail.trust-store", "");
        Optional<SSLSocketFactory> trust;
        try {
            trust = trustStore.isEmpty() ? Optional.empty() : Optional.of(KeyStoreFile.trusting(Path.of(trustStore),
                    settings.text("umpin.mail.trust-store-password", "")).getSocketFactory());
        } catch (IllegalArgumentException e) {
            throw new StartupException("setting umpin.mail.trust-store: " + e.getMessage(), e);
        }
        String host = settings.text("umpin.mail.host");
        int port = settings.number("umpin.mail.port", 1, 65535);
        try {
            return new SmtpRelay(host, port, security, login, trust);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting umpin.mail.username: " + e.getMessage());
        }
    }

    /**
     * The relay's settings (TLS, the login) live in the session: an smtp endpoint to the relay
     * without it, in a route file of an earlier version or edited by hand, would send the PIN as
     * plain SMTP. Refuse it. An embedding application's mail to other servers is its own affair.
     */
    private static StartupListener requireMailSession(Session session) {
        String host = session.getProperty("mail.smtp.host");
        int port = Integer.parseInt(session.getProperty("mail.smtp.port"));
        return new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                for (Endpoint endpoint : context.getEndpoints()) {
                    if (endpoint instanceof MailEndpoint mail && mail.getConfiguration().getProtocol().startsWith("smtp")
                            && host.equalsIgnoreCase(mail.getConfiguration().getHost()) && port == mail.getConfiguration().getPort()
                            && mail.getConfiguration().getSession() != session) {
                        throw new IllegalStateException("the SMTP endpoint " + endpoint.getEndpointBaseUri()
                                + " does not send through umpin's relay settings: add session=#" + MAIL_SESSION
                                + " to its URI (routes/new-pin.camel.yaml)");
                    }
                }
            }
        };
    }

    /**
     * Camel's Prometheus support (camel.metrics.enabled) uses the registry bound as
     * metricsRegistry, or binds a new one there: umpin's meters go to the same one.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = MicrometerUtils.getMeterRegistryFromCamelRegistry(registry, MicrometerConstants.METRICS_REGISTRY_NAME);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }

    /** Readiness (/observe/health/ready) is DOWN while the store or the SMTP relay cannot be reached. */
    private static void bindReadinessChecks(Registry registry, UmpinSettings settings, HikariDataSource dataSource,
                                            Optional<LdapDirectory> ldap, SmtpRelay relay) {
        Duration cacheTime = Duration.ofMillis(settings.number("umpin.health.cache-ms", 0, 600_000));
        Duration mailTimeout = Duration.ofMillis(Math.min(2_000, settings.number("umpin.mail.timeout-ms", 100, 600_000)));
        registry.bind("storeHealthCheck", new DependencyCheck("store", () -> Database.ping(dataSource), cacheTime));
        ldap.ifPresent(directory -> registry.bind("directoryHealthCheck", new DependencyCheck("directory", directory::ping, cacheTime)));
        registry.bind("smtpRelayHealthCheck", new DependencyCheck("smtp-relay",
                () -> relay.check(mailTimeout), cacheTime));
    }

    /**
     * A folder on disk, or on the class path ({@code classpath:umpin/templates}, the jar's copy
     * of config/templates) for an application that embeds umpin and has no config/ folder.
     */
    static Path folder(String setting) throws IOException {
        if (!setting.startsWith("classpath:")) {
            return Path.of(setting);
        }
        String name = setting.substring("classpath:".length()).replaceFirst("^/+", "");
        URL url = UmpinConfiguration.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no folder " + setting);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException opened) {
                    // an earlier start in this JVM opened the jar already
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no folder " + setting, e);
        }
    }

    /** A start whose route files were not found would serve nothing while looking healthy: refuse it. */
    private static StartupListener requireRouteFrom(CxfEndpoint endpoint) {
        return new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                requireRoute(context, "cxf:bean:umLegacyService", route -> route.getEndpoint() == endpoint);
                // an operation a route hands requests to (um-legacy's direct:<operation>) must have its route
                for (String operation : Wsdl.OPERATIONS) {
                    String from = "direct://" + operation;
                    if (context.hasEndpoint(from) != null) {
                        requireRoute(context, from, route -> from.equals(route.getEndpoint().getEndpointUri()));
                    }
                }
            }
        };
    }

    /** Throws, naming {@code from}, when no route of the context {@code readsFrom} it: a door with nothing behind it. */
    static void requireRoute(CamelContext context, String from, Predicate<Route> readsFrom) {
        if (context.getRoutes().stream().noneMatch(readsFrom)) {
            throw new IllegalStateException("no route reads from " + from + " (" + context.getRoutes().size()
                    + " routes loaded: check camel.main.routes-include-pattern)");
        }
    }

    /**
     * A role: the logins in {@code members}, and with LDAP the members of the group {@code group}
     * (the setting {@code groupSetting}) names, nested ones as umpin.ldap.nested-groups says.
     */
    private static Predicate<Mailbox> role(Set<String> members, String groupSetting, String group,
                                           Optional<LdapDirectory> ldap) {
        if (!group.isEmpty() && ldap.isEmpty()) {
            throw new IllegalArgumentException("setting " + groupSetting + " needs umpin.directory = ldap");
        }
        return mailbox -> members.contains(mailbox.login())
                || (!group.isEmpty() && ldap.get().isMember(mailbox.login(), group));
    }

    /** The LDAP directory when {@code umpin.directory} is {@code ldap}; empty for the embedded one. */
    private static Optional<LdapDirectory> ldapDirectory(UmpinSettings settings, MailboxDirectory mirror) {
        String kind = settings.text("umpin.directory");
        if (kind.equals("embedded")) {
            return Optional.empty();
        }
        if (!kind.equals("ldap")) {
            throw new IllegalArgumentException("setting umpin.directory must be embedded or ldap, got \"" + kind + "\"");
        }
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
            return Optional.of(new LdapDirectory(ldap, mirror, settings.text("umpin.auth.domain"),
                    settings.number("umpin.db.pool-size", 1, 200)));
        } catch (StoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** {@code umpin.soap.public-url}: the endpoint's URL as clients reach it, for the WSDL; empty when not set. */
    static Optional<String> publicUrl(UmpinSettings settings) {
        String url = settings.text("umpin.soap.public-url", "").strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url, "not an http or https URL with a host and no query");
            }
            return Optional.of(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("setting umpin.soap.public-url must be the endpoint's http:// or https:// URL"
                    + " (https://umpin.contoso.example/EWS/UM2007Legacy.asmx), got \"" + url + "\"");
        }
    }

    static HikariDataSource openStore(UmpinSettings settings) {
        String url = settings.text("umpin.db.url");
        HikariDataSource dataSource = null;
        try {
            dataSource = Database.open(url, settings.text("umpin.db.user", ""), settings.text("umpin.db.password", ""),
                    settings.number("umpin.db.pool-size", 1, 200),
                    Duration.ofMillis(settings.number("umpin.db.connection-timeout-ms", 250, 600_000)));
            Database.migrate(dataSource);
            return dataSource;
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            // the URL is not repeated: it may hold credentials
            throw new StartupException("the store (umpin.db.url) cannot be opened: " + UmpinApplication.reason(e), e);
        }
    }

    static SecretHasher secretHasher(UmpinSettings settings) {
        String pepper = settings.text("umpin.hash.secret");
        if (DEMO_PEPPER.equals(pepper)) {
            LOG.warn("umpin.hash.secret is the demo value: set UMPIN_HASH_SECRET to a long random secret in production");
        }
        return new SecretHasher(pepper, settings.number("umpin.hash.iterations", SecretHasher.MIN_ITERATIONS, 10_000_000));
    }

    private static List<MailboxFile.Entry> loadMailboxFile(UmpinSettings settings, MailboxDirectory directory)
            throws IOException {
        String file = settings.text("umpin.demo.mailboxes", "");
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

    private static CxfEndpoint soapEndpoint(CamelContext context, UmpinSettings settings, HttpDoor door,
                                            BasicAuthentication authentication, ResetAttempts attempts) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(context);
        endpoint.setAddress(door.soapAddress());
        door.bus().ifPresent(endpoint::setBus);
        // CXF's XML reader refuses deeper, wider or longer documents than these with a fault
        endpoint.setProperties(new HashMap<>(Map.of(
                "org.apache.cxf.stax.maxElementDepth", settings.number("umpin.soap.max-element-depth", 8, 1000),
                "org.apache.cxf.stax.maxChildElements", settings.number("umpin.soap.max-child-elements", 8, 100_000),
                "org.apache.cxf.stax.maxElementCount", settings.number("umpin.soap.max-element-count", 16, 1_000_000),
                "org.apache.cxf.stax.maxAttributeCount", 64,
                "org.apache.cxf.stax.maxAttributeSize", 4096,
                "org.apache.cxf.stax.maxTextLength", 16_384)));
        endpoint.setWsdlURL(Wsdl.LOCATION);
        endpoint.setServiceName(Wsdl.SERVICE.toString());
        endpoint.setPortName(Wsdl.PORT.toString());
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        // HTTP request headers must reach neither the e-mail nor the response, and Camel headers not the wire
        DefaultHeaderFilterStrategy noHeaders = new DefaultHeaderFilterStrategy();
        noHeaders.setInFilterPattern(".*");
        noHeaders.setOutFilterPattern(".*");
        endpoint.setHeaderFilterStrategy(noHeaders);
        List<Interceptor<? extends Message>> in = door.entrance();
        in.addAll(List.of(new RequestSizeLimit(settings.number("umpin.soap.max-request-bytes", 1024, 10 << 20)),
                authentication, new SoapRequestGuard(), new ImpersonationHeaders(), new WsdlAddress(publicUrl(settings))));
        endpoint.setInInterceptors(in);
        endpoint.setOutInterceptors(List.of(attempts.ending()));
        endpoint.setOutFaultInterceptors(List.of(new InvalidRequestFaults(), attempts.ending()));
        // umpin logs each fault once, in its own words
        endpoint.setSkipFaultLogging(true);
        return endpoint;
    }
}
