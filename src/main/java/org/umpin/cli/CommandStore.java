package org.umpin.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.umpin.app.Beans;
import org.umpin.app.DirectoryConfiguration;
import org.umpin.app.MailConfiguration;
import org.umpin.app.PinConfiguration;
import org.umpin.app.StartupException;
import org.umpin.app.StoreConfiguration;
import org.umpin.app.UmpinDefaults;
import org.umpin.app.UmpinMain;
import org.umpin.app.UmpinSettings;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.PinEvent;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.observe.Audit;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command-line tool of umpin works on: the service's own settings (config/ and the
 * environment), hasher and store, opened as the service opens them, so that it works beside
 * a running service and on any store the service can use.
 */
final class CommandStore implements AutoCloseable {

    final UmpinSettings settings;
    final SecretHasher hasher;
    final HikariDataSource dataSource;
    final MailboxDirectory directory;
    private final DefaultCamelContext context;

    private final PinStore pinStore;
    private final Audit audit;

    private CommandStore(DefaultCamelContext context, UmpinSettings settings) {
        this.context = context;
        this.settings = settings;
        this.hasher = Beans.get(context, Beans.HASHER, SecretHasher.class);
        this.dataSource = Beans.get(context, Beans.DATA_SOURCE, HikariDataSource.class);
        this.pinStore = Beans.get(context, Beans.PIN_STORE, PinStore.class);
        this.directory = new MailboxDirectory(dataSource, hasher, DirectoryConfiguration.Settings.of(settings).domain());
        this.audit = new Audit(new AuditTrail(dataSource));
    }

    static CommandStore open() throws Exception {
        // a tool's answer is its exit status and a line or two; Camel's start-up chatter would bury it
        Configurator.setLevel("org.apache.camel", Level.WARN);
        // the service's own start-up advice (the demo pepper) is not the tool's to give
        Configurator.setLevel(StoreConfiguration.class.getName(), Level.ERROR);
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            context.getPropertiesComponent().setLocation(UmpinMain.PROPERTIES);
            UmpinDefaults.addTo(context.getPropertiesComponent());
            // the store, the PIN store and the hasher, as the service opens them
            new StoreConfiguration().configure(context);
            return new CommandStore(context, UmpinSettings.of(context));
        } catch (Exception e) {
            HikariDataSource opened = context.getRegistry().lookupByNameAndType(Beans.DATA_SOURCE, HikariDataSource.class);
            if (opened != null) {
                opened.close();
            }
            context.stop();
            throw e;
        }
    }

    /** The audit trail the service writes, to read back ({@code audit}). */
    AuditTrail auditTrail() {
        return audit.trail();
    }

    /** The PIN store, whose changes wait for a change of the same mailbox as the service's do. */
    PinStore pinStore() {
        return pinStore;
    }

    /** The PIN policy the mailbox follows, as the settings have it now. */
    PinPolicy policyOf(Mailbox mailbox) {
        return settings.policies().named(mailbox.pinPolicy());
    }

    /** What a {@code pin} command does to the mailbox it names; its exit status. */
    interface MailboxAction {
        int run(CommandStore store, Mailbox mailbox) throws Exception;
    }

    /**
     * Opens the store and runs {@code action} on the mailbox {@code name} names (its login,
     * primary SMTP address or extension): status 1 when there is none, 2 when the settings or the
     * store fail, else the action's.
     */
    static int onMailbox(CommandSpec spec, String name, MailboxAction action) {
        try (CommandStore store = open()) {
            Optional<Mailbox> mailbox = store.directory.findByName(name.strip());
            if (mailbox.isEmpty()) {
                spec.commandLine().getErr().println("umpin: no mailbox " + name);
                return 1;
            }
            return action.run(store, mailbox.get());
        } catch (Exception e) {
            spec.commandLine().getErr().println("umpin: " + StartupException.reason(e));
            return UmpinApplication.ERROR;
        }
    }

    /**
     * One audit row for a command's action, with the operating-system user who ran it as the
     * caller ({@code os:jdoe}) and no client address. Never a PIN.
     */
    void audit(String action, String mailbox, String outcome, Optional<String> detail, long startedNanos) {
        audit.accept(new PinEvent(Instant.now(), action, "os:" + System.getProperty("user.name", "?"),
                mailbox, Optional.empty(), outcome, detail, RequestStart.correlationId(null),
                Duration.ofNanos(System.nanoTime() - startedNanos)));
    }

    /**
     * Starts the command's context with the administrator's routes ({@value PinConfiguration#ADMINISTRATOR_ROUTE}
     * and the {@value PinConfiguration#NEW_PIN_ROUTE} they reset with) as the service runs them: the
     * operator's route files, the jar's copies without a routes/ folder, their steps bound by the
     * service's own configurations (the store's mailboxes as the directory, metrics of the command's own).
     */
    ProducerTemplate routes() throws Exception {
        Registry registry = context.getRegistry();
        registry.bind(Beans.DIRECTORY, directory);
        registry.bind(Beans.AUDIT, audit);
        registry.bind(Beans.METRICS, new Metrics(new SimpleMeterRegistry(), List.of()));
        MailConfiguration.bindRelay(context, MailConfiguration.Settings.of(settings));
        new PinConfiguration().configure(context);
        for (String file : List.of(PinConfiguration.NEW_PIN_ROUTE, PinConfiguration.ADMINISTRATOR_ROUTE)) {
            Path route = Path.of(file);
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context)
                    .resolveResource((Files.isRegularFile(route) ? "file:" : "classpath:") + route));
        }
        context.start();
        return context.createProducerTemplate();
    }

    @Override
    public void close() {
        dataSource.close();
        context.stop();
    }
}
