package org.umpin.camel;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.secret.SecretHasher;

/**
 * Writes the new PIN's hash into the mailbox's open reset. It counts only once
 * {@code commitPin} runs, after the SMTP server accepted the e-mail.
 */
public final class StorePin implements Processor {

    private final SecretHasher hasher;
    private final Clock clock;

    public StorePin(SecretHasher hasher, Clock clock) {
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        ResetPinExchange.reset(exchange).store(hasher.hash(ResetPinExchange.pin(exchange).digits()),
                ResetPinExchange.policy(exchange), clock.instant());
    }
}
