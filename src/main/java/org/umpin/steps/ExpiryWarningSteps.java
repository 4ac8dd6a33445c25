package org.umpin.steps;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.ExpiryWarnings;

/**
 * The steps of routes/expiry-warning.camel.yaml: the store scanned a batch at a time
 * ({@code findExpiringPins}), and each PIN due its warning claimed under its mailbox's lock
 * ({@code claimExpiryWarning}), written ({@code composeExpiryWarning}), mailed
 * ({@code sendPinMail}) and marked warned of in the same transaction ({@code recordExpiryWarning}).
 */
public final class ExpiryWarningSteps {

    /** When the PIN being warned of expires. */
    static final String EXPIRES_AT = "umpinExpiresAt";

    private final ExpiryWarnings warnings;
    private final ScheduledMail.Mailing mailing;

    public ExpiryWarningSteps(ExpiryWarnings warnings, ScheduledMail.Mailing mailing) {
        this.warnings = warnings;
        this.mailing = mailing;
    }

    /** The next batch of PINs due a warning, after the last mailbox the scan read; the body is the batch. */
    public Processor findExpiringPins() {
        return exchange -> {
            exchange.setProperty(StepProperties.ACTION, StepEvents.EXPIRY_WARNING);
            long after = exchange.getProperty(ScheduledMail.SCANNED_TO, 0L, Long.class);
            List<ExpiryWarnings.Due> due = warnings.due(mailing.clock().instant(), after, mailing.batchSize());
            exchange.getMessage().setBody(due);
            exchange.setProperty(ScheduledMail.SCANNED_TO, due.isEmpty() ? after : due.get(due.size() - 1).mailboxId());
            exchange.setProperty(ScheduledMail.MORE, ScheduledMail.goesOn(exchange, due.size() == mailing.batchSize()));
        };
    }

    /**
     * The PIN of the body's mailbox, claimed when it is still due (the directory's mailbox
     * enabled, UM-enabled, with an address; the PIN not changed or warned of since the scan) and
     * no other change of it runs; otherwise skipped, for a later scan.
     */
    public Processor claimExpiryWarning() {
        return exchange -> {
            ScheduledMail.start(exchange, StepEvents.EXPIRY_WARNING);
            ExpiryWarnings.Due due = exchange.getMessage().getBody(ExpiryWarnings.Due.class);
            Optional<Mailbox> mailbox = mailing.directory().find(due.login())
                    .filter(m -> m.id() == due.mailboxId() && m.enabled() && m.umEnabled() && m.smtpAddress().isPresent());
            Instant now = mailing.clock().instant();
            Optional<ExpiryWarnings.Claimed> claimed = mailbox.flatMap(mailing::policy).flatMap(policy -> {
                exchange.setProperty(StepProperties.POLICY, policy);
                return warnings.claim(due.mailboxId(), policy, now);
            });
            mailbox.ifPresent(m -> exchange.setProperty(StepProperties.MAILBOX, m));
            if (claimed.isEmpty()) {
                ScheduledMail.skipped(exchange, mailing.events());
                return;
            }
            exchange.setProperty(EXPIRES_AT, claimed.get().expiresAt());
            ScheduledMail.claimed(exchange, claimed.get().change());
        };
    }

    /** The warning in the mailbox's language: when the PIN expires, and how to change it. */
    public Processor composeExpiryWarning() {
        return exchange -> {
            Mailbox mailbox = StepProperties.mailbox(exchange);
            var mail = mailing.composer().composeExpiryWarning(mailbox, exchange.getProperty(EXPIRES_AT, Instant.class),
                    mailing.telephoneAccessNumbers(Optional.of(mailbox)), mailing.pageAddress());
            ComposeNotification.toMessage(exchange.getMessage(), mail, mailing.from(), mail.to());
        };
    }

    /** The relay took the warning: the PIN is marked warned of, and the claim ends. */
    public Processor recordExpiryWarning() {
        return exchange -> {
            warnings.warned(ScheduledMail.claim(exchange));
            mailing.events().scheduledMail(exchange, "sent", null);
        };
    }
}
