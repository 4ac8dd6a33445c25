package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.Pin;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinRules;
import org.umpin.secret.SecretHasher;

/**
 * Set-UMMailboxPIN's {@code -Pin}: the PIN the administrator gave ({@value StepProperties#NEW_PIN})
 * becomes the new PIN that {@code storePin} writes, once it obeys the mailbox's whole policy and
 * is none of its last PINHistoryCount PINs, as a user's own PIN must; else
 * {@link org.umpin.pin.PinChangeRefused.Refused} names every rule it breaks, and nothing changes.
 * Under the mailbox's lock ({@code lockMailbox}), in place of {@code generatePin}.
 */
public final class SetGivenPin implements Processor {

    private final SecretHasher hasher;

    public SetGivenPin(SecretHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public void process(Exchange exchange) {
        PinPolicy policy = StepProperties.policy(exchange);
        String given = exchange.getProperty(StepProperties.NEW_PIN, StepProperties.GivenPin.class).text();
        String hash = PinRules.admit(given, policy, StepProperties.mailbox(exchange).extension(),
                StepProperties.reset(exchange), hasher);
        Pin pin = new Pin(given);
        exchange.setProperty(StepProperties.PIN, pin);
        exchange.setProperty(StepProperties.PIN_HASH, new StepProperties.PinHash(pin, hash));
    }
}
