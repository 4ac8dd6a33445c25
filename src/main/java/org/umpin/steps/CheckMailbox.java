package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.ResetPinException;

/** A reset needs an enabled, UM-enabled mailbox with an address to mail the PIN to, and its PIN policy. */
public final class CheckMailbox implements Processor {

    private final PinPolicies policies;

    public CheckMailbox(PinPolicies policies) {
        this.policies = policies;
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox mailbox = StepProperties.mailbox(exchange);
        if (!mailbox.enabled()) {
            throw new ResetPinException("The mailbox is disabled.");
        }
        if (!mailbox.umEnabled()) {
            throw new UserNotUmEnabledException();
        }
        if (mailbox.smtpAddress().isEmpty()) {
            throw new ResetPinException("The mailbox has no primary SMTP address to send the new PIN to.");
        }
        exchange.setProperty(StepProperties.POLICY, policies.named(mailbox.pinPolicy()));
    }
}
