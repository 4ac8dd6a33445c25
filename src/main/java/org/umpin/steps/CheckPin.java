package org.umpin.steps;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinLogon;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinRules;
import org.umpin.secret.SecretHasher;

/**
 * The telephone logon with the PIN given, under the mailbox's lock ({@code lockMailbox}): one
 * hash derivation, then the count of consecutive failures, the lockout and whether an
 * automatic reset is due, in the store ({@link PinChange#logon}); a right PIN that the policy
 * refuses now, made stricter since, must be changed. What the count became is
 * committed by the step that answers, or by the automatic reset with its new PIN.
 */
public final class CheckPin implements Processor {

    private final SecretHasher hasher;
    private final Clock clock;
    private final Metrics metrics;
    private final StepEvents events;

    public CheckPin(SecretHasher hasher, Clock clock, Metrics metrics, StepEvents events) {
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        String pin = StepProperties.givenPin(exchange).text();
        PinPolicy policy = StepProperties.policy(exchange);
        PinChange change = StepProperties.reset(exchange);
        PinLogon counted = metrics.store("write", () -> change.logon(
                hash -> hash == null ? hasher.refuse(pin) : hasher.verify(pin, hash), policy, clock.instant()));
        // the right PIN is in hand: one the policy now refuses must be changed
        PinLogon logon = PinRules.obeys(pin, policy, StepProperties.mailbox(exchange).extension())
                ? counted : counted.breakingPolicy();
        exchange.setProperty(StepProperties.LOGON, logon);
        if (logon.lockedOutNow()) {
            events.lockedOut(exchange);
        }
    }

    /** The count and the lockout, when no automatic reset committed them with its new PIN: the failed logon counts. */
    public static void commitCounted(Exchange exchange) {
        PinChange change = StepProperties.reset(exchange);
        if (change.isOpen()) {
            change.commit();
        }
    }
}
