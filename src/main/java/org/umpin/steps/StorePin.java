package org.umpin.steps;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.observe.ResetMetrics;
import org.umpin.pin.Pin;
import org.umpin.secret.SecretHasher;

/**
 * Writes the new PIN's hash into the mailbox's open reset. It counts only once
 * {@code commitPin} runs, after the SMTP server accepted the e-mail.
 */
public final class StorePin implements Processor {

    private final SecretHasher hasher;
    private final Clock clock;
    private final ResetMetrics metrics;

    public StorePin(SecretHasher hasher, Clock clock, ResetMetrics metrics) {
        this.hasher = hasher;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Pin pin = ResetPinExchange.pin(exchange);
        // the hash generatePin made, when it is of this PIN (a customised route may have put another)
        ResetPinExchange.PinHash made = exchange.getProperty(ResetPinExchange.PIN_HASH, ResetPinExchange.PinHash.class);
        String pinHash = made != null && made.pin() == pin && made.hash() != null ? made.hash() : hasher.hash(pin.digits());
        metrics.store("write", () -> ResetPinExchange.reset(exchange).store(pinHash, ResetPinExchange.policy(exchange), clock.instant()));
    }
}
