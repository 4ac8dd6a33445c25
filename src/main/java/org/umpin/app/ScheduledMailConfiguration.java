package org.umpin.app;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.umpin.mailbox.Directory;
import org.umpin.notify.NotificationComposer;
import org.umpin.pin.ExpiryWarnings;
import org.umpin.pin.PendingPins;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.steps.ExpiryWarningSteps;
import org.umpin.steps.PinCorrectionSteps;
import org.umpin.steps.ScheduledMail;
import org.umpin.steps.StepEvents;

/**
 * The mails umpin sends on its own schedule: the expiry warning (routes/expiry-warning.camel.yaml;
 * {@code umpin.expiry-warning.*}, each policy's {@code expiry-warning-days}) and the correction of
 * a PIN mailed and never committed (routes/pin-corrections.camel.yaml;
 * {@code umpin.reset.correction-scan-seconds}). Both tell the user how to change the PIN: the
 * policy's telephone access numbers and the pages' address.
 */
public final class ScheduledMailConfiguration implements CamelConfiguration {

    /** The {@code umpin.expiry-warning.*} and {@code umpin.reset.correction-scan-seconds} settings, each read here with its bounds. */
    record Settings(int warningScanSeconds, int warningBatchSize, int correctionScanSeconds, Map<String, Integer> warningDays,
                    Map<String, String> telephoneAccessNumbers, String pageAddress) {

        static Settings of(UmpinSettings settings) {
            SoapConfiguration.Settings soap = SoapConfiguration.Settings.of(settings);
            return new Settings(settings.number("umpin.expiry-warning.scan-seconds", 1, 86_400),
                    settings.number("umpin.expiry-warning.batch-size", 1, 10_000),
                    settings.number("umpin.reset.correction-scan-seconds", 1, 86_400),
                    settings.expiryWarningDays(), soap.telephoneAccessNumbers(),
                    pageAddress(WebConfiguration.Settings.of(settings).enabled(), soap.publicUrl()));
        }

        /**
         * The pages' address as users reach them, for the e-mails: on the origin of
         * {@code umpin.soap.public-url}, where the pages are served beside the endpoint. Empty
         * (the e-mail leaves the line out) when the pages are off or that URL is not set: the
         * address umpin listens on is not one to give users.
         */
        static String pageAddress(boolean pagesOn, Optional<String> publicUrl) {
            if (!pagesOn || publicUrl.isEmpty()) {
                return "";
            }
            URI url = URI.create(publicUrl.get());
            return url.getScheme() + "://" + url.getRawAuthority() + WebConfiguration.PATH + "/";
        }
    }

    @Override
    public void configure(CamelContext context) {
        Settings settings = Settings.of(UmpinSettings.of(context));
        Registry registry = context.getRegistry();
        DataSource dataSource = Beans.get(context, Beans.DATA_SOURCE, DataSource.class);
        PinStore store = Beans.get(context, Beans.PIN_STORE, PinStore.class);
        PinPolicies policies = Beans.get(context, Beans.POLICIES, PinPolicies.class);
        Directory directory = Beans.get(context, Beans.DIRECTORY, Directory.class);
        NotificationComposer composer = Beans.get(context, Beans.COMPOSER, NotificationComposer.class);
        StepEvents events = Beans.get(context, Beans.STEP_EVENTS, StepEvents.class);
        String from = MailConfiguration.Settings.of(UmpinSettings.of(context)).from();
        Clock clock = PinConfiguration.clock(context);

        Map<PinPolicy, Integer> warned = new HashMap<>();
        settings.warningDays().forEach((name, days) -> {
            if (days > 0) {
                warned.put(policies.named(name), days);
            }
        });
        ScheduledMail.Mailing mailing = new ScheduledMail.Mailing(directory, policies, settings.telephoneAccessNumbers(),
                composer, from, settings.pageAddress(), clock, settings.warningBatchSize(), events);
        ExpiryWarningSteps warnings = new ExpiryWarningSteps(new ExpiryWarnings(dataSource, store, warned), mailing);
        registry.bind("findExpiringPins", warnings.findExpiringPins());
        registry.bind("claimExpiryWarning", warnings.claimExpiryWarning());
        registry.bind("composeExpiryWarning", warnings.composeExpiryWarning());
        registry.bind("recordExpiryWarning", warnings.recordExpiryWarning());

        PinCorrectionSteps corrections = new PinCorrectionSteps(new PendingPins(dataSource, store), mailing);
        registry.bind("findUnsettledPins", corrections.findUnsettledPins());
        registry.bind("claimUnsettledPin", corrections.claimUnsettledPin());
        registry.bind("composeCorrection", corrections.composeCorrection());
        registry.bind("settlePin", corrections.settlePin());
        registry.bind("scheduledMailFailed", ScheduledMail.failed(events));
    }
}
