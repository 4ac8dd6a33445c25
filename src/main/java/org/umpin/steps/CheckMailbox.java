package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.ResetPinException;

/**
 * A reset needs an enabled, UM-enabled mailbox with an address to mail the PIN to, and its PIN
 * policy. An administrator's reset ({@link #forAdministrator}) may mail the PIN elsewhere
 * ({@value StepProperties#NOTIFY_EMAIL}) or not at all ({@value StepProperties#NO_MAIL}), and then
 * needs no address of the mailbox's own.
 */
public final class CheckMailbox implements Processor {

    private final PinPolicies policies;
    private final boolean administrator;

    public CheckMailbox(PinPolicies policies) {
        this(policies, false);
    }

    private CheckMailbox(PinPolicies policies, boolean administrator) {
        this.policies = policies;
        this.administrator = administrator;
    }

    /** The check of Set-UMMailboxPIN's reset: the help desk's and {@code pin reset}'s. */
    public static CheckMailbox forAdministrator(PinPolicies policies) {
        return new CheckMailbox(policies, true);
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
        boolean mailedElsewhere = administrator && (exchange.getProperty(StepProperties.NOTIFY_EMAIL) != null
                || exchange.getProperty(StepProperties.NO_MAIL, false, Boolean.class));
        if (mailbox.smtpAddress().isEmpty() && !mailedElsewhere) {
            throw new ResetPinException("The mailbox has no primary SMTP address to send the new PIN to.");
        }
        exchange.setProperty(StepProperties.POLICY, policies.named(mailbox.pinPolicy()));
    }
}
