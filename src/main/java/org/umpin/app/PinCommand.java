package org.umpin.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pin}: the commands on a mailbox's PIN. */
@Command(name = "pin",
        header = "Check a mailbox's PIN against the store.",
        description = "Give one of the commands below; each has --help.",
        commandListHeading = "%nCommands:%n",
        subcommands = PinCommand.Verify.class)
final class PinCommand {

    @Mixin
    HelpOption help;

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
                description = "the mailbox, in any form a caller may log in with: alice, alice@contoso.example, CONTOSO\\alice")
        String login;

        @Parameters(index = "1", paramLabel = "<pin>", description = "the PIN to check")
        String pin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (CommandStore store = CommandStore.open()) {
                Optional<Mailbox> mailbox = store.directory.find(login);
                if (mailbox.isEmpty()) {
                    err.println("no mailbox " + login);
                    return NO_MATCH;
                }
                boolean matches = new PinStore(store.dataSource).current(mailbox.get().id())
                        .map(state -> store.hasher.verify(pin, state.pinHash())).orElse(false);
                out.println(matches ? "the PIN is the current PIN of " + mailbox.get().login()
                        : "the PIN is not the current PIN of " + mailbox.get().login());
                return matches ? MATCH : NO_MATCH;
            } catch (Exception e) {
                err.println("umpin: " + UmpinApplication.reason(e));
                return UmpinApplication.ERROR;
            }
        }
    }
}
