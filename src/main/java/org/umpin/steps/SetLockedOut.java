package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.PinChange;

/**
 * Set-UMMailboxPIN's {@code -LockedOut}, under the mailbox's lock ({@code lockMailbox}): bound as
 * {@code unlockPin} ({@code $false}: the lockout and the count of consecutive failed logons
 * cleared) and {@code lockPin} ({@code $true}: locked out, the count kept); the PIN kept either
 * way, committed. What it found is {@value StepProperties#STATE_BEFORE}, absent when the mailbox
 * has no PIN (nothing to lock or unlock, nothing written).
 */
public final class SetLockedOut implements Processor {

    private final boolean lockedOut;

    public SetLockedOut(boolean lockedOut) {
        this.lockedOut = lockedOut;
    }

    @Override
    public void process(Exchange exchange) {
        PinChange change = StepProperties.reset(exchange);
        change.state().ifPresent(before -> exchange.setProperty(StepProperties.STATE_BEFORE, before));
        if (change.lockOut(lockedOut)) {
            change.commit();
        }
    }
}
