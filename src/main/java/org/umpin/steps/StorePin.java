package org.umpin.steps;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.observe.Metrics;
import org.umpin.pin.Pin;
import org.umpin.secret.SecretHasher;

/**
 * Writes the new PIN's hash into the mailbox's open reset, expired unless
 * {@value StepProperties#PIN_EXPIRED} says otherwise. It counts only once {@code commitPin} runs,
 * after the SMTP server accepted the e-mail.
 */
public final class StorePin implements Processor {

    private final SecretHasher hasher;
    private final Clock clock;
    private final Metrics metrics;

    public StorePin(SecretHasher hasher, Clock clock, Metrics metrics) {
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Pin pin = StepProperties.pin(exchange);
        // the hash generatePin made, when it is of this PIN (a customised route may have put another)
        StepProperties.PinHash made = exchange.getProperty(StepProperties.PIN_HASH, StepProperties.PinHash.class);
        String pinHash = made != null && made.pin() == pin && made.hash() != null ? made.hash() : hasher.hash(pin.digits());
        boolean expired = exchange.getProperty(StepProperties.PIN_EXPIRED, true, Boolean.class);
        metrics.store("write", () -> StepProperties.reset(exchange).store(pinHash, StepProperties.policy(exchange),
                clock.instant(), expired));
    }
}
