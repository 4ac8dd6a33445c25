package org.umpin.steps;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.pin.PinGenerator;
import org.umpin.pin.PinHistory;
import org.umpin.pin.PinPolicy;
import org.umpin.secret.SecretHasher;

/** A new random PIN that obeys the mailbox's policy and is none of its last PINHistoryCount PINs. */
public final class GeneratePin implements Processor {

    private final PinGenerator generator;
    private final SecretHasher hasher;

    public GeneratePin(PinGenerator generator, SecretHasher hasher) {
        this.generator = generator;
        this.hasher = hasher;
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox mailbox = StepProperties.mailbox(exchange);
        PinPolicy policy = StepProperties.policy(exchange);
        PinHistory history = StepProperties.reset(exchange).history(policy.pinHistoryCount());
        // each candidate is hashed once, for the history's check and for storePin
        AtomicReference<String> hash = new AtomicReference<>();
        Pin pin = generator.generate(policy, mailbox.extension(), candidate -> {
            Optional<String> unused = history.hashIfNew(candidate.digits(), hasher);
            unused.ifPresent(hash::set);
            return unused.isEmpty();
        });
        exchange.setProperty(StepProperties.PIN, pin);
        exchange.setProperty(StepProperties.PIN_HASH, new StepProperties.PinHash(pin, hash.get()));
    }
}
