package org.umpin.steps;

import org.apache.camel.Exchange;
import org.umpin.pin.PinChange;

/**
 * How the automatic reset after a failed logon ended ({@code routes/telephony.camel.yaml}): the
 * reset itself is the one ResetPIN runs ({@code direct:new-pin}). When it fails (the relay
 * refuses the mail, the mailbox has no address), the PIN stays as it was, the failed logon
 * stays counted, and the caller is told {@code pinReset: false}.
 */
public final class AutomaticReset {

    private final StepEvents events;

    public AutomaticReset(StepEvents events) {
        this.events = events;
    }

    /** The new PIN was committed after the relay took its e-mail. */
    public void done(Exchange exchange) {
        exchange.setProperty(StepProperties.PIN_RESET, true);
        events.automaticReset(exchange, null);
    }

    /** The reset failed: undone, and the failed logon committed alone. */
    public void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        PinChange change = StepProperties.reset(exchange);
        if (change.isOpen()) {
            change.abandonReset();
            change.commit();
        }
        exchange.setProperty(StepProperties.PIN_RESET, false);
        events.automaticReset(exchange, failure);
    }
}
