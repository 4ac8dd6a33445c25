package org.umpin.camel;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;

/**
 * Makes the new PIN the mailbox's PIN. It runs after the SMTP server accepted the e-mail,
 * so a reset whose mail fails leaves the old PIN in place.
 */
public final class StorePin implements Processor {

    private final PinStore store;
    private final SecretHasher hasher;
    private final Clock clock;

    public StorePin(PinStore store, SecretHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        store.reset(ResetPinExchange.mailbox(exchange).id(), hasher.hash(ResetPinExchange.pin(exchange).digits()),
                ResetPinExchange.policy(exchange), clock.instant());
    }
}
