package org.umpin.app;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.umpin.mailbox.Directory;
import org.umpin.notify.NotificationComposer;
import org.umpin.observe.Audit;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinGenerator;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;
import org.umpin.steps.AutomaticReset;
import org.umpin.steps.CheckMailbox;
import org.umpin.steps.CheckPin;
import org.umpin.steps.ChoosePin;
import org.umpin.steps.CommitPin;
import org.umpin.steps.ComposeNotification;
import org.umpin.steps.FindMailbox;
import org.umpin.steps.GeneratePin;
import org.umpin.steps.LimitResets;
import org.umpin.steps.LockMailbox;
import org.umpin.steps.SendPinMail;
import org.umpin.steps.SetGivenPin;
import org.umpin.steps.SetLockedOut;
import org.umpin.steps.StepEvents;
import org.umpin.steps.StorePin;
import org.umpin.steps.WriteIntent;

/**
 * The PIN's rules and the steps every door's reset shares: the policies ({@code umpin.policies},
 * {@code umpin.policy.<name>.*}), the clock, checkMailbox, lockMailbox, limitResets
 * ({@code umpin.throttle.resets-per-hour}) and the steps of {@code direct:new-pin}
 * ({@value #NEW_PIN_ROUTE}), which the command line's {@code pin reset} binds too.
 */
public final class PinConfiguration implements CamelConfiguration {

    /** The route file of {@code direct:new-pin}, the reset every way in shares. */
    public static final String NEW_PIN_ROUTE = "routes/new-pin.camel.yaml";
    /** The route file of Set-UMMailboxPIN's unlock, lock, reset and set, which the help desk and the commands run. */
    public static final String ADMINISTRATOR_ROUTE = "routes/administrator.camel.yaml";

    @Override
    public void configure(CamelContext context) throws IOException {
        UmpinSettings settings = UmpinSettings.of(context);
        Registry registry = context.getRegistry();
        PinPolicies policies = settings.policies();
        registry.bind(Beans.POLICIES, policies);
        Metrics metrics = Beans.get(context, Beans.METRICS, Metrics.class);
        SecretHasher hasher = Beans.get(context, Beans.HASHER, SecretHasher.class);
        registry.bind("checkMailbox", new CheckMailbox(policies));
        registry.bind("lockMailbox", new LockMailbox(Beans.get(context, Beans.PIN_STORE, PinStore.class), metrics));
        registry.bind("limitResets", new LimitResets(settings.number("umpin.throttle.resets-per-hour", 0, 1_000_000),
                clock(context)));
        bindNewPinSteps(context);
        // routes/administrator.camel.yaml: Set-UMMailboxPIN's unlock, lock, reset and set, the help desk's and the commands'
        registry.bind("checkAdministratorReset", CheckMailbox.forAdministrator(policies));
        registry.bind("unlockPin", new SetLockedOut(false));
        registry.bind("lockPin", new SetLockedOut(true));
        registry.bind("setGivenPin", new SetGivenPin(hasher));
        // a user's own PIN: the telephone logon and the PIN change, which the API and the page run
        StepEvents events = new StepEvents(Beans.get(context, Beans.AUDIT, Audit.class), metrics);
        registry.bind(Beans.STEP_EVENTS, events);
        registry.bind("findMailbox", new FindMailbox(Beans.get(context, Beans.DIRECTORY, Directory.class), policies, hasher));
        registry.bind("checkPin", new CheckPin(hasher, clock(context), metrics, events));
        registry.bind("automaticReset", new AutomaticReset(events));
        registry.bind("choosePin", new ChoosePin(hasher, clock(context), metrics, events));
    }

    /**
     * The clock of every PIN rule (lifetime, expiry, the hourly reset limit): the system's, unless
     * the registry holds a {@link Clock} named {@value UmpinConfiguration#CLOCK} (a test that moves time).
     */
    static Clock clock(CamelContext context) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(UmpinConfiguration.CLOCK, Clock.class))
                .orElse(Clock.systemUTC());
    }

    /**
     * The steps of {@code direct:new-pin}, sending through the session {@link MailConfiguration}
     * bound, hashing and counting with the hasher and metrics bound before.
     */
    public static void bindNewPinSteps(CamelContext context) throws IOException {
        MailConfiguration.Settings mail = MailConfiguration.Settings.of(UmpinSettings.of(context));
        SecretHasher hasher = Beans.get(context, Beans.HASHER, SecretHasher.class);
        Metrics metrics = Beans.get(context, Beans.METRICS, Metrics.class);
        Registry registry = context.getRegistry();
        registry.bind("generatePin", new GeneratePin(new PinGenerator(), hasher));
        registry.bind("storePin", new StorePin(hasher, clock(context), metrics));
        NotificationComposer composer = new NotificationComposer(folder(mail.templates()), mail.timeZone());
        registry.bind(Beans.COMPOSER, composer);
        registry.bind("composeNotification", new ComposeNotification(composer, mail.from()));
        registry.bind("writeIntent", new WriteIntent(clock(context), metrics));
        registry.bind("sendPinMail", new SendPinMail(context.createProducerTemplate()));
        registry.bind("commitPin", new CommitPin(metrics));
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
        URL url = PinConfiguration.class.getClassLoader().getResource(name);
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
}
