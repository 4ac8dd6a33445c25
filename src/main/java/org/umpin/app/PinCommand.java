package org.umpin.app;

import java.io.PrintStream;
import java.util.Optional;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinStore;

/**
 * {@code pin verify <login> <pin>}: exit 0 when the PIN is the mailbox's current PIN, 1 when
 * it is not (or the mailbox has none), 2 on a usage or configuration error. It reads the same
 * settings and store as the service, and works while the service runs.
 */
final class PinCommand {

    static final int MATCH = 0;
    static final int NO_MATCH = 1;
    static final int ERROR = 2;

    private PinCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || !"verify".equals(args[0])) {
            err.println("usage: java -jar target/umpin.jar pin verify <login> <pin>");
            return ERROR;
        }
        try (CommandStore store = CommandStore.open()) {
            Optional<Mailbox> mailbox = store.directory.find(args[1]);
            if (mailbox.isEmpty()) {
                err.println("no mailbox " + args[1]);
                return NO_MATCH;
            }
            boolean matches = new PinStore(store.dataSource).current(mailbox.get().id())
                    .map(state -> store.hasher.verify(args[2], state.pinHash())).orElse(false);
            out.println(matches ? "the PIN is the current PIN of " + mailbox.get().login()
                    : "the PIN is not the current PIN of " + mailbox.get().login());
            return matches ? MATCH : NO_MATCH;
        } catch (Exception e) {
            err.println("umpin: " + e.getMessage());
            return ERROR;
        }
    }
}
