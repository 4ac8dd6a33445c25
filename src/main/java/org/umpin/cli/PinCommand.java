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
        header = "Show, check, unlock, lock, reset or set a mailbox's PIN.",
        description = {"Give one of the commands below; each has --help. A mailbox is named by its login, its primary "
                + "SMTP address or its extension. Each reads the store the settings name, also while the service runs; "
                + "show, unlock, lock, reset and set are audited with the operating-system user who ran them."},
        commandListHeading = "%nCommands:%n",
        subcommands = {PinCommand.Show.class, PinCommand.Verify.class, PinCommand.Unlock.class, PinCommand.Lock.class,
            PinResetCommand.class, PinSetCommand.class})
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
                        store.policyOf(mailbox), Clock.systemUTC());
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
                    + "use pin reset or pin set, which unlock too."},
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
            return lockOut(spec, mailboxName.name, false);
        }
    }

    /** {@code pin lock <mailbox>}: Set-UMMailboxPIN's -LockedOut $true. */
    @Command(name = "lock",
            header = "Lock a mailbox out: every PIN is refused until it is unlocked or reset.",
            description = {"Marks the mailbox locked out, under the mailbox's lock, as an administrator's "
                    + "Set-UMMailboxPIN -LockedOut $true does (the route lock-pin, as the help desk's page): the telephone "
                    + "logon and the PIN change refuse every PIN, the right one too, and count none. The PIN and the count "
                    + "of failed logons stay as they are. pin unlock, pin reset or pin set end it."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:locked out (also when it was already)", "1:there is no such mailbox, or it has no PIN",
                "2:a usage error, or the store cannot be read or written"})
    static final class Lock implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Mixin
        MailboxName mailboxName;

        @Override
        public Integer call() {
            return lockOut(spec, mailboxName.name, true);
        }
    }

    /** Runs the route lock-pin or unlock-pin on the mailbox {@code name} names, audited as lock or unlock. */
    private static int lockOut(CommandSpec spec, String name, boolean lockedOut) {
        long started = System.nanoTime();
        String action = lockedOut ? "lock" : "unlock";
        return CommandStore.onMailbox(spec, name, (store, mailbox) -> {
            String login = mailbox.login();
            ProducerTemplate routes = store.routes();
            Exchange exchange = new DefaultExchange(routes.getCamelContext());
            exchange.setProperty(StepProperties.MAILBOX, mailbox);
            routes.send(lockedOut ? "direct:lock-pin" : "direct:unlock-pin", exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            PinStore.PinState was = exchange.getProperty(StepProperties.STATE_BEFORE, PinStore.PinState.class);
            if (was == null) {
                spec.commandLine().getErr().println("umpin: " + login + " has no PIN: reset it with pin reset");
                store.audit(action, login, "no-pin", Optional.empty(), started);
                return 1;
            }
            spec.commandLine().getOut().println(lockedOut
                    ? login + (was.lockedOut() ? " was locked out already" : " is locked out")
                            + "; every PIN is refused until pin unlock, pin reset or pin set"
                    : login + (was.lockedOut() ? " unlocked" : " was not locked out")
                            + "; its " + was.failedLogons() + " failed logons are cleared");
            store.audit(action, login, "success", Optional.of(was.lockedOut() ? "was-locked" : "was-not-locked"), started);
            return 0;
        });
    }

    /**
     * {@code pin verify <login>}: exit 0 when the PIN, typed at the prompt or given on standard
     * input ({@link PinEntry}), is the mailbox's current PIN, 1 when it is not (or the mailbox has
     * none), 2 on a usage or configuration error. It reads the same settings and store as the
     * service, and works while the service runs. A PIN as a second argument still works, for
     * scripts on a machine of one's own.
     */
    @Command(name = "verify",
            header = "Say whether a PIN is a mailbox's current PIN.",
            description = {"Reads the store the settings name (H2 or PostgreSQL), also while the service runs. "
                    + "The PIN is typed at a prompt that does not show it, or read from the first line of standard "
                    + "input (printf '%%s\\n' \"$PIN\" | ... pin verify alice); it is not printed; the answer is the exit "
                    + "status and one line.",
                "A PIN given as a second argument still works, but other users' ps see it and the shell's history "
                    + "keeps it: only on a machine of your own, as for a test."},
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

        @Parameters(index = "1", arity = "0..1", paramLabel = "<pin>",
                description = "the PIN to check; better left out: typed at the prompt or given on standard input")
        String pin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String given = pin != null ? pin : PinEntry.read(spec, "PIN", false);
            return CommandStore.onMailbox(spec, login, (store, mailbox) -> {
                boolean matches = store.pinStore().current(mailbox.id())
                        .map(state -> store.hasher.verify(given, state.pinHash())).orElse(false);
                out.println(matches ? "the PIN is the current PIN of " + mailbox.login()
                        : "the PIN is not the current PIN of " + mailbox.login());
                return matches ? MATCH : NO_MATCH;
            });
        }
    }
}
