package org.umpin.steps;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.notify.NotificationComposer;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.ResetPinException;

/**
 * What the scheduled mails share (routes/expiry-warning.camel.yaml, routes/pin-corrections.camel.yaml):
 * each item of a scan is one exchange that claims its mailbox's lock ({@value #CLAIM}), is mailed
 * through {@code sendPinMail}, and is recorded; or fails, and is left for the next scan.
 */
public final class ScheduledMail {

    /** The claimed mailbox's lock, a {@link PinChange}, until the mail is recorded or has failed. */
    public static final String CLAIM = "umpinClaim";
    /** Whether the item was claimed: false, another change holds the mailbox or the mail is no longer due. */
    public static final String CLAIMED = "umpinClaimed";
    /** The last mailbox a scan's batch read, where the next batch starts. */
    static final String SCANNED_TO = "umpinScannedTo";
    /** Whether the last batch was full, so that the scan goes on. */
    static final String MORE = "umpinMore";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMail.class);

    /**
     * What both scheduled mails are written and sent with: the directory that says who a mailbox
     * is now, the policies and their telephone access numbers, the templates, the sender, the
     * pages' address (empty: none to give), the clock, a scan's batch and the events.
     */
    public record Mailing(Directory directory, PinPolicies policies, Map<String, String> telephoneAccessNumbers,
                          NotificationComposer composer, String from, String pageAddress, Clock clock, int batchSize,
                          StepEvents events) {

        public Mailing {
            telephoneAccessNumbers = Map.copyOf(telephoneAccessNumbers);
        }

        /** The mailbox's policy; empty when it names one that is not configured. */
        Optional<PinPolicy> policy(Mailbox mailbox) {
            try {
                return Optional.of(policies.named(mailbox.pinPolicy()));
            } catch (ResetPinException notConfigured) {
                return Optional.empty();
            }
        }

        /** The numbers the mailbox's users dial to reach voice mail, for the e-mail; empty when none. */
        String telephoneAccessNumbers(Optional<Mailbox> mailbox) {
            return mailbox.flatMap(this::policy).map(p -> telephoneAccessNumbers.getOrDefault(p.name(), "")).orElse("");
        }
    }

    private ScheduledMail() {
    }

    /** An item of a scan starts: its action, its correlation id and its time, for its audit row and log line. */
    static void start(Exchange exchange, String action) {
        exchange.setProperty(StepProperties.ACTION, action);
        exchange.setProperty(StepProperties.CORRELATION_ID, UUID.randomUUID().toString());
        exchange.setProperty(StepProperties.STARTED, System.nanoTime());
    }

    /** The item is claimed under {@code change}, which ends with the exchange if nothing ends it before. */
    static void claimed(Exchange exchange, PinChange change) {
        exchange.setProperty(CLAIM, change);
        exchange.setProperty(CLAIMED, true);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                change.close();
            }
        });
    }

    /** The item was not claimed: counted as skipped. */
    static void skipped(Exchange exchange, StepEvents events) {
        exchange.setProperty(CLAIMED, false);
        events.scheduledMail(exchange, "skipped", null);
    }

    /** The claim, as {@link #claimed} left it. */
    static PinChange claim(Exchange exchange) {
        return exchange.getProperty(CLAIM, PinChange.class);
    }

    /**
     * The step of the routes' {@code onException}: the item failed (the relay did not take the mail,
     * the store failed); its claim ends with nothing recorded, so the next scan tries it again.
     */
    public static Processor failed(StepEvents events) {
        return exchange -> {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (exchange.getProperty(StepProperties.CORRELATION_ID) == null) {
                // the scan itself (its read of the store), before any item: nothing to count or audit
                LOG.warn("The {} scan failed; the next scan tries again: {}", exchange.getProperty(StepProperties.ACTION),
                        String.valueOf(failure));
                return;
            }
            PinChange claim = claim(exchange);
            if (claim != null) {
                claim.close();
            }
            events.scheduledMail(exchange, "failed", failure);
        };
    }

    /** A scan reads on while the last batch was full and the service is not stopping. */
    static boolean goesOn(Exchange exchange, boolean fullBatch) {
        return fullBatch && !exchange.getContext().isStopping();
    }
}
