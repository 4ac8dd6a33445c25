package org.umpin.cli;

import org.apache.camel.Exchange;
import org.umpin.app.StartupException;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.notify.NotifyAddress;
import org.umpin.pin.ResetPinException;
import org.umpin.steps.StepProperties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Set-UMMailboxPIN's NotifyEmail and SendEmail, for {@code pin reset} and {@code pin set}: where
 * the new PIN is mailed, and the route's refusals in the commands' words.
 */
final class MailOptions {

    @Option(names = "--notify-email", paramLabel = "<address>",
            description = "send the new PIN to this address instead of the mailbox's own (Set-UMMailboxPIN's NotifyEmail)")
    String notifyEmail;

    @Option(names = "--no-mail", description = "send no e-mail (Set-UMMailboxPIN's -SendEmail $false)")
    boolean noMail;

    /** A usage error for options that exclude each other or an address that is none. */
    void check(CommandSpec spec) {
        if (noMail && notifyEmail != null) {
            throw new ParameterException(spec.commandLine(), "--no-mail and --notify-email exclude each other");
        }
        if (notifyEmail != null && !NotifyAddress.isPlain(notifyEmail)) {
            throw new ParameterException(spec.commandLine(), "--notify-email is not an e-mail address");
        }
    }

    /** Tells the administrator's routes where to mail, or not to. */
    void applyTo(Exchange exchange) {
        exchange.setProperty(StepProperties.NO_MAIL, noMail);
        if (notifyEmail != null) {
            exchange.setProperty(StepProperties.NOTIFY_EMAIL, notifyEmail);
        }
    }

    /** Where the PIN went, for the command's last line. */
    String mailedTo(Mailbox mailbox) {
        return notifyEmail != null ? notifyEmail : mailbox.smtpAddress().orElseThrow();
    }

    /** An administrator's route's refusal in the command's words (never a PIN). */
    String why(Exception failure, Mailbox mailbox) {
        if (failure instanceof UserNotUmEnabledException) {
            return mailbox.login() + " is not enabled for voice mail";
        }
        if (failure instanceof ResetPinException && !mailbox.enabled()) {
            return mailbox.login() + " is not enabled";
        }
        if (failure instanceof ResetPinException && mailbox.smtpAddress().isEmpty() && !noMail && notifyEmail == null) {
            return mailbox.login() + " has no SMTP address: give --notify-email or --no-mail";
        }
        return failure instanceof ResetPinException ? failure.getMessage() : StartupException.reason(failure);
    }
}
