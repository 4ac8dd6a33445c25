package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.PinChange;

/**
 * Set-UMMailboxPIN's {@code -LockedOut $false}, under the mailbox's lock ({@code lockMailbox}):
 * the lockout and the count of consecutive failed logons cleared, the PIN kept, committed. What
 * it found is {@value StepProperties#STATE_BEFORE}, absent when the mailbox has no PIN (nothing
 * to unlock, nothing written).
 */
public final class UnlockPin implements Processor {

    @Override
    public void process(Exchange exchange) {
        PinChange change = StepProperties.reset(exchange);
        change.state().ifPresent(before -> exchange.setProperty(StepProperties.STATE_BEFORE, before));
        if (change.unlock()) {
            change.commit();
        }
    }
}
