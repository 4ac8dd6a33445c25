package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.NonExistentMailboxException;
import org.umpin.pin.PinPolicies;
import org.umpin.secret.SecretHasher;

/**
 * The mailbox the request names, by its extension (digits only: what a caller types on a
 * phone), its login or its primary SMTP address; it must be enabled and enabled for voice
 * mail. Otherwise {@link NonExistentMailboxException} (the telephony API's 404 problem), which
 * costs as long as a wrong PIN when a PIN was given, so that the time of the answer does not
 * tell which mailboxes exist. The telephony API's routes and the page's PIN change run it.
 */
public final class FindMailbox implements Processor {

    private final Directory directory;
    private final PinPolicies policies;
    private final SecretHasher hasher;

    public FindMailbox(Directory directory, PinPolicies policies, SecretHasher hasher) {
        this.directory = directory;
        this.policies = policies;
        this.hasher = hasher;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(StepProperties.MAILBOX_NAME, String.class);
        Mailbox mailbox = directory.findByName(name).filter(found -> found.enabled() && found.umEnabled()).orElse(null);
        if (mailbox == null) {
            StepProperties.GivenPin pin = StepProperties.givenPin(exchange);
            if (pin != null) {
                hasher.refuse(pin.text());
            }
            throw new NonExistentMailboxException();
        }
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        exchange.setProperty(StepProperties.POLICY, policies.named(mailbox.pinPolicy()));
    }
}
