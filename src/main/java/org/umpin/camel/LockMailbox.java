package org.umpin.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.umpin.pin.PinReset;
import org.umpin.pin.PinStore;

/**
 * Starts the reset of the caller's mailbox: waits a bounded time for any other reset of it to
 * end, then holds it until {@code commitPin} or the end of the exchange, whichever is first.
 * An exchange that ends without {@code commitPin} (a fault, an error) leaves the PIN as it was.
 */
public final class LockMailbox implements Processor {

    private final PinStore store;

    public LockMailbox(PinStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        PinReset reset = store.begin(ResetPinExchange.mailbox(exchange).id());
        exchange.setProperty(ResetPinExchange.RESET, reset);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                reset.close();
            }
        });
    }
}
