package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinStore;

/**
 * Starts the reset of the caller's mailbox: waits a bounded time for any other reset of it to
 * end, then holds it until {@code commitPin} or the end of the exchange, whichever is first.
 * An exchange that ends without {@code commitPin} (a fault, an error) leaves the PIN as it was.
 */
public final class LockMailbox implements Processor {

    private final PinStore store;
    private final Metrics metrics;

    public LockMailbox(PinStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        long mailboxId = StepProperties.mailbox(exchange).id();
        // the time includes any wait for another reset of the mailbox
        PinChange reset = metrics.store("lock", () -> store.begin(mailboxId));
        exchange.setProperty(StepProperties.RESET, reset);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                reset.close();
            }
        });
    }
}
