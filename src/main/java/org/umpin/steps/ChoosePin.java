package org.umpin.steps;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.PinLogon;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinRules;
import org.umpin.secret.SecretHasher;

/**
 * The caller's own PIN, after {@code checkPin} took the current one: it must obey the whole
 * policy (MinPINLength, at most 24 digits, the common patterns, the extension, none of the last
 * PINHistoryCount PINs), else {@link PinChangeRefused.Refused} names every rule it breaks and
 * nothing changes. Stored not expired, expiring after PINLifetime, with the failures and the
 * lockout cleared. A wrong current PIN is a failed logon (already counted):
 * {@link PinChangeRefused.WrongPin}, or {@link PinChangeRefused.LockedOut}. Each door answers
 * them in its own form (the telephony API: 422, 403, 423, and 204 when changed; the page: words).
 */
public final class ChoosePin implements Processor {

    private final SecretHasher hasher;
    private final Clock clock;
    private final Metrics metrics;
    private final StepEvents events;

    public ChoosePin(SecretHasher hasher, Clock clock, Metrics metrics, StepEvents events) {
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        PinLogon logon = StepProperties.logon(exchange);
        if (logon.result() != PinLogon.Result.OK) {
            CheckPin.commitCounted(exchange); // the failed logon counts
            throw logon.result() == PinLogon.Result.LOCKED ? new PinChangeRefused.LockedOut()
                    : new PinChangeRefused.WrongPin(exchange.getProperty(StepProperties.PIN_RESET, false, Boolean.class));
        }
        Mailbox mailbox = StepProperties.mailbox(exchange);
        PinPolicy policy = StepProperties.policy(exchange);
        PinChange change = StepProperties.reset(exchange);
        String newPin = exchange.getProperty(StepProperties.NEW_PIN, StepProperties.GivenPin.class).text();
        String pinHash = PinRules.admit(newPin, policy, mailbox.extension(), change, hasher);
        metrics.store("write", () -> change.choose(pinHash, policy, clock.instant()));
        metrics.store("commit", change::commit);
        events.answered(exchange, "changed", Optional.empty());
    }
}
