package org.umpin.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.steps.StepProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pin reset <mailbox> [--notify-email ADDRESS] [--no-mail]}: Exchange's Set-UMMailboxPIN.
 * The reset is the help desk's: the route {@code administrator-reset-pin}
 * ({@code routes/administrator.camel.yaml}: the mailbox's checks and lock, then ResetPIN's own
 * {@code direct:new-pin}: the policy, the history, the e-mail, all or nothing), run in a Camel
 * context of the command's own. With {@code --no-mail} the route leaves the e-mail out, and the
 * new PIN is printed once, on the terminal only.
 */
@Command(name = "reset",
        header = "Reset a mailbox's PIN and mail the new one (Set-UMMailboxPIN).",
        description = {"The same reset as ResetPIN: a random PIN that obeys the mailbox's policy and is none of its last "
                + "PINs, stored hashed and expired (the user chooses a new one at the first telephone logon), the lockout "
                + "and failed logons cleared, and the new PIN mailed to the mailbox (or to --notify-email); if the relay "
                + "does not take the e-mail, nothing changes. The relay is umpin.mail.host and umpin.mail.port: with the "
                + "embedded mail server, the service must be running.",
            "With --no-mail the new PIN is printed on this terminal, once, and nowhere else: tell it to the user "
                + "yourself."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:reset (and mailed, unless --no-mail)",
            "1:not reset: no such mailbox, not enabled for voice mail, no address to mail to, the relay refused the "
                + "e-mail, or another change of the mailbox held it too long; the PIN is unchanged",
            "2:a usage error, or the store cannot be read or written"})
final class PinResetCommand implements Callable<Integer> {

    static final int NOT_RESET = 1;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    MailboxName mailboxName;

    @Mixin
    MailOptions mail;

    @Override
    public Integer call() {
        mail.check(spec);
        long started = System.nanoTime();
        return CommandStore.onMailbox(spec, mailboxName.name, (store, mailbox) -> {
            Optional<String> failure = reset(store, mailbox);
            store.audit("pin-reset", mailbox.login(), failure.isEmpty() ? "success" : "failed",
                    failure.isEmpty() ? Optional.of(mail.noMail ? "no-mail" : "mailed") : failure, started);
            if (failure.isPresent()) {
                spec.commandLine().getErr().println("umpin: the PIN of " + mailbox.login() + " was not reset: " + failure.get());
                return NOT_RESET;
            }
            return 0;
        });
    }

    /**
     * Runs the route administrator-reset-pin, as the help desk's Reset does; empty when it was
     * done, else why not (in words, no PIN).
     */
    private Optional<String> reset(CommandStore store, Mailbox mailbox) throws Exception {
        ProducerTemplate routes = store.routes();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        mail.applyTo(exchange);
        routes.send("direct:administrator-reset-pin", exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            return Optional.of(mail.why(failure, mailbox));
        }
        if (mail.noMail) {
            Pin pin = StepProperties.pin(exchange);
            spec.commandLine().getOut().println("The new PIN of " + mailbox.login() + " is " + pin.digits()
                    + " (shown once; the user must change it at the first telephone logon).");
        } else {
            spec.commandLine().getOut().println("The PIN of " + mailbox.login() + " was reset and mailed to "
                    + mail.mailedTo(mailbox) + ".");
        }
        return Optional.empty();
    }
}
