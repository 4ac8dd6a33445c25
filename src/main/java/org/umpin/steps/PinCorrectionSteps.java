package org.umpin.steps;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.notify.NotificationComposer;
import org.umpin.pin.PendingPins;
import org.umpin.pin.PinChange;

/**
 * The steps of routes/pin-corrections.camel.yaml: the intents that resets left behind
 * ({@code findUnsettledPins}), each claimed under its mailbox's lock ({@code claimUnsettledPin}),
 * its correction written to where the PIN went ({@code composeCorrection}), mailed
 * ({@code sendPinMail}) and the intent deleted in the same transaction ({@code settlePin}).
 */
public final class PinCorrectionSteps {

    /** The intent being settled. */
    static final String INTENT = "umpinUnsettledPin";

    private final PendingPins pending;
    private final ScheduledMail.Mailing mailing;

    public PinCorrectionSteps(PendingPins pending, ScheduledMail.Mailing mailing) {
        this.pending = pending;
        this.mailing = mailing;
    }

    /**
     * The oldest intents that no reset is still running for, a batch; the body. One batch a scan:
     * an intent skipped (its mailbox busy) is still there, and is for the next scan.
     */
    public Processor findUnsettledPins() {
        return exchange -> {
            exchange.setProperty(StepProperties.ACTION, StepEvents.PIN_CORRECTION);
            exchange.getMessage().setBody(pending.unsettled(mailing.clock().instant(), mailing.batchSize()));
        };
    }

    /** The body's intent, claimed when no other change of its mailbox runs and it is still there; otherwise skipped. */
    public Processor claimUnsettledPin() {
        return exchange -> {
            ScheduledMail.start(exchange, StepEvents.PIN_CORRECTION);
            PendingPins.Unsettled intent = exchange.getMessage().getBody(PendingPins.Unsettled.class);
            exchange.setProperty(INTENT, intent);
            exchange.setProperty(StepProperties.MAILBOX_NAME, intent.login());
            mailing.directory().find(intent.login()).ifPresent(mailbox -> exchange.setProperty(StepProperties.MAILBOX, mailbox));
            Optional<PinChange> claimed = pending.claim(intent);
            if (claimed.isEmpty()) {
                ScheduledMail.skipped(exchange, mailing.events());
                return;
            }
            ScheduledMail.claimed(exchange, claimed.get());
        };
    }

    /** The correction, to the address and in the language of the e-mail it corrects. */
    public Processor composeCorrection() {
        return exchange -> {
            PendingPins.Unsettled intent = exchange.getProperty(INTENT, PendingPins.Unsettled.class);
            Optional<Mailbox> mailbox = Optional.ofNullable(exchange.getProperty(StepProperties.MAILBOX, Mailbox.class));
            var mail = mailing.composer().composeCorrection(intent.mailedTo(), intent.language(),
                    mailbox.map(Mailbox::displayName).orElse(intent.login()), intent.mailedAt(),
                    mailing.telephoneAccessNumbers(mailbox), mailing.pageAddress());
            ComposeNotification.toMessage(exchange.getMessage(), mail, mailing.from(), intent.mailedTo());
            exchange.getMessage().setHeader(NotificationComposer.RESET_HEADER, Long.toString(intent.id()));
        };
    }

    /** The relay took the correction: the intent is deleted, and the claim ends. */
    public Processor settlePin() {
        return exchange -> {
            pending.settle(ScheduledMail.claim(exchange), exchange.getProperty(INTENT, PendingPins.Unsettled.class));
            mailing.events().scheduledMail(exchange, "sent", null);
        };
    }
}
