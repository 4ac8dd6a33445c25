package org.umpin.telephony;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinStore;
import org.umpin.pin.UmMailboxPin;
import org.umpin.steps.StepEvents;
import org.umpin.steps.StepProperties;

/**
 * The PIN's state, as Exchange's Get-UMMailboxPIN shows it ({@link UmMailboxPin}), as JSON.
 */
public final class ReadPinState implements Processor {

    private final PinStore store;
    private final Clock clock;
    private final StepEvents events;

    public ReadPinState(PinStore store, Clock clock, StepEvents events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox mailbox = StepProperties.mailbox(exchange);
        events.answered(exchange, "ok", Optional.empty());
        TelephonyAnswer.json(exchange, 200, UmMailboxPin.state(mailbox, store.current(mailbox.id()),
                StepProperties.policy(exchange), clock));
    }
}
