package org.umpin.camel;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinGenerator;
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
        Mailbox mailbox = ResetPinExchange.mailbox(exchange);
        PinPolicy policy = ResetPinExchange.policy(exchange);
        List<String> history = ResetPinExchange.reset(exchange).history(policy.pinHistoryCount());
        exchange.setProperty(ResetPinExchange.PIN, generator.generate(policy, mailbox.extension(),
                pin -> history.stream().anyMatch(hash -> hasher.verify(pin.digits(), hash))));
    }
}
