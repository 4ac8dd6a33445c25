package org.umpin.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinChangeRefused;
import org.umpin.steps.StepProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pin set <mailbox> [--expired true|false] [--notify-email ADDRESS | --no-mail]}:
 * Set-UMMailboxPIN's {@code -Pin}. The PIN is the administrator's, typed at a prompt or given on
 * standard input ({@link PinEntry}); the route {@code administrator-set-pin} checks it as a
 * user's own PIN is checked, stores it, mails it as a reset's PIN is mailed, all or nothing.
 */
@Command(name = "set",
        header = "Set a mailbox's PIN to one you give (Set-UMMailboxPIN -Pin).",
        description = {"The PIN is typed at a prompt that does not show it (twice), or read from the first line of "
                + "standard input; never from an argument, which other users' ps would show. It must obey the mailbox's "
                + "PIN policy and be none of its last PINs, as a PIN the user chooses: else nothing changes and every "
                + "rule it breaks is named (too-short, common-pattern, weak-pin, contains-extension, in-history...).",
            "As Set-UMMailboxPIN, the PIN is expired (the user chooses a new one at the first telephone logon) unless "
                + "--expired false, the lockout and the failed logons are cleared, and the PIN is mailed to the mailbox "
                + "(or to --notify-email); if the relay does not take the e-mail, nothing changes. The e-mail tells the "
                + "user to change the PIN at the first call, so --expired false goes with --no-mail."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:set (and mailed, unless --no-mail)",
            "1:not set: the PIN breaks the policy, no such mailbox, not enabled for voice mail, no address to mail to, "
                + "the relay refused the e-mail, or another change of the mailbox held it too long; the PIN is unchanged",
            "2:a usage error (no PIN given, the two typed differ), or the store cannot be read or written"})
final class PinSetCommand implements Callable<Integer> {

    static final int NOT_SET = 1;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    MailboxName mailboxName;

    @Option(names = "--expired", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "whether the user must change the PIN at the first telephone logon (Set-UMMailboxPIN's "
                    + "PINExpired); default: true")
    boolean expired;

    @Mixin
    MailOptions mail;

    @Override
    public Integer call() {
        mail.check(spec);
        if (!expired && !mail.noMail) {
            // the e-mail's templates say the PIN must be changed at the first call: it would not be true
            throw new ParameterException(spec.commandLine(), "--expired false needs --no-mail: the e-mail tells the user "
                    + "to change the PIN at the first call");
        }
        String pin = PinEntry.read(spec, "New PIN", true);
        long started = System.nanoTime();
        return CommandStore.onMailbox(spec, mailboxName.name, (store, mailbox) -> {
            Optional<String> failure = set(store, mailbox, pin);
            store.audit("pin-set", mailbox.login(), failure.isEmpty() ? "success" : "failed",
                    Optional.of(failure.isEmpty() ? (mail.noMail ? "no-mail" : "mailed") + (expired ? "" : ",not-expired")
                            : failure.get()), started);
            if (failure.isPresent()) {
                spec.commandLine().getErr().println("umpin: the PIN of " + mailbox.login() + " was not set: " + failure.get());
                return NOT_SET;
            }
            return 0;
        });
    }

    /** Runs the route administrator-set-pin; empty when it was done, else why not (in words, no PIN). */
    private Optional<String> set(CommandStore store, Mailbox mailbox, String pin) throws Exception {
        ProducerTemplate routes = store.routes();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        exchange.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin(pin));
        exchange.setProperty(StepProperties.PIN_EXPIRED, expired);
        mail.applyTo(exchange);
        routes.send("direct:administrator-set-pin", exchange);
        Exception failure = exchange.getException();
        if (failure instanceof PinChangeRefused.Refused refused) {
            return Optional.of("it breaks the PIN policy: " + String.join(", ", refused.words()));
        }
        if (failure != null) {
            return Optional.of(mail.why(failure, mailbox));
        }
        spec.commandLine().getOut().println("The PIN of " + mailbox.login() + " was set"
                + (expired ? "; the user must change it at the first telephone logon" : "")
                + (mail.noMail ? "" : "; mailed to " + mail.mailedTo(mailbox)) + ".");
        return Optional.empty();
    }
}
