package org.umpin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.umpin.pin.PinStore;
import org.umpin.pin.UmMailboxPin;
import org.umpin.steps.StepProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pin}: the commands on a mailbox's PIN. */
@Command(name = "pin",
        header = "Show, check, unlock or reset a mailbox's PIN.",
        description = {"Give one of the commands below; each has --help. A mailbox is named by its login, its primary "
                + "SMTP address or its extension. Each reads the store the settings name, also while the service runs; "
                + "show, unlock and reset are audited with the operating-system user who ran them."},
        commandListHeading = "%nCommands:%n",
        subcommands = {PinCommand.Show.class, PinCommand.Verify.class, PinCommand.Unlock.class, PinResetCommand.class})
final class PinCommand {

    @Mixin
    HelpOption help;

    /** {@code pin show <mailbox>}: Exchange's Get-UMMailboxPIN. */
    @Command(name = "show",
            header = "Print the state of a mailbox's PIN (Get-UMMailboxPIN).",
            description = {"Whether the PIN is expired, whether the user has not chosen one since the last reset "
                    + "(first-time user), whether the mailbox is locked out, the consecutive failed logons, when the PIN "
                    + "was set and when it expires. Never the PIN or its hash."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:printed", "1:there is no such mailbox", "2:a usage error, or the store cannot be read"})
    static final class Show implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Mixin
        MailboxName mailboxName;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            return CommandStore.onMailbox(spec, mailboxName.name, (store, mailbox) -> {
                Map<String, Object> state = UmMailboxPin.state(mailbox, store.pinStore().current(mailbox.id()),
                        Clock.systemUTC());
                state.forEach((key, value) -> spec.commandLine().getOut().printf("%-14s %s%n", key + ":",
                        value == null ? "-" : value));
                store.audit("pin-show", mailbox.login(), "ok", Optional.empty(), started);
                return 0;
            });
        }
    }

    /** {@code pin unlock <mailbox>}: Set-UMMailboxPIN's -LockedOut $false. */
    @Command(name = "unlock",
            header = "Unlock a mailbox locked out after too many failed logons.",
            description = {"Clears the lockout and the count of consecutive failed logons, under the mailbox's lock, "
                    + "as an administrator's Set-UMMailboxPIN does (the route unlock-pin, as the help desk's page). "
                    + "The PIN stays as it is: to give the user a new one, "
                    + "use pin reset, which unlocks too."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:unlocked (also when it was not locked)", "1:there is no such mailbox, or it has no PIN",
                "2:a usage error, or the store cannot be read or written"})
    static final class Unlock implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Mixin
        MailboxName mailboxName;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            return CommandStore.onMailbox(spec, mailboxName.name, (store, mailbox) -> {
                String login = mailbox.login();
                ProducerTemplate routes = store.routes();
                Exchange exchange = new DefaultExchange(routes.getCamelContext());
                exchange.setProperty(StepProperties.MAILBOX, mailbox);
                routes.send("direct:unlock-pin", exchange);
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                PinStore.PinState was = exchange.getProperty(StepProperties.STATE_BEFORE, PinStore.PinState.class);
                if (was == null) {
                    spec.commandLine().getErr().println("umpin: " + login + " has no PIN: reset it with pin reset");
                    store.audit("unlock", login, "no-pin", Optional.empty(), started);
                    return 1;
                }
                spec.commandLine().getOut().println(login + (was.lockedOut() ? " unlocked" : " was not locked out")
                        + "; its " + was.failedLogons() + " failed logons are cleared");
                store.audit("unlock", login, "success", Optional.of(was.lockedOut() ? "was-locked" : "was-not-locked"), started);
                return 0;
            });
        }
    }

    /**
     * {@code pin verify <login> <pin>}: exit 0 when the PIN is the mailbox's current PIN, 1 when
     * it is not (or the mailbox has none), 2 on a usage or configuration error. It reads the same
     * settings and store as the service, and works while the service runs.
     */
    @Command(name = "verify",
            header = "Say whether a PIN is a mailbox's current PIN.",
            description = {"Reads the store the settings name (H2 or PostgreSQL), also while the service runs. "
                    + "The PIN is not printed; the answer is the exit status and one line.",
                "A PIN on the command line is seen by other users' ps and kept in the shell's history: use it "
                    + "on a machine of your own, as for a test."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:the PIN is the mailbox's current PIN",
                "1:it is not, the mailbox has no PIN, or there is no such mailbox",
                "2:a usage error, or the store cannot be read"})
    static final class Verify implements Callable<Integer> {

        static final int MATCH = 0;
        static final int NO_MATCH = 1;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<login>",
                description = "the mailbox: its login in any form a caller may log in with (alice, alice@contoso.example, "
                        + "CONTOSO\\alice) or its extension")
        String login;

        @Parameters(index = "1", paramLabel = "<pin>", description = "the PIN to check")
        String pin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return CommandStore.onMailbox(spec, login, (store, mailbox) -> {
                boolean matches = store.pinStore().current(mailbox.id())
                        .map(state -> store.hasher.verify(pin, state.pinHash())).orElse(false);
                out.println(matches ? "the PIN is the current PIN of " + mailbox.login()
                        : "the PIN is not the current PIN of " + mailbox.login());
                return matches ? MATCH : NO_MATCH;
            });
        }
    }
}
