package org.umpin.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.umpin.mailbox.MailboxFile;

/**
 * {@code directory import <file.csv>}: adds the file's mailboxes to the store the settings
 * name (H2 or PostgreSQL), or updates those whose login exists; PINs are kept. Exit 0 when
 * done, 2 on a usage, file or store error (then nothing of a bad file is imported).
 */
final class DirectoryCommand {

    static final int DONE = 0;
    static final int ERROR = 2;

    private DirectoryCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !"import".equals(args[0])) {
            err.println("usage: java -jar target/umpin.jar directory import <mailboxes.csv>");
            return ERROR;
        }
        try {
            Path file = Path.of(args[1]);
            if (!Files.isRegularFile(file)) {
                err.println("umpin: no file " + file.toAbsolutePath());
                return ERROR;
            }
            // the whole file is read and checked before the store is touched
            List<MailboxFile.Entry> entries = MailboxFile.read(file);
            try (CommandStore store = CommandStore.open()) {
                int added = 0;
                for (MailboxFile.Entry entry : entries) {
                    if (store.directory.save(entry.mailbox(), entry.password())) {
                        added++;
                    }
                }
                out.println("imported " + entries.size() + " mailboxes from " + file + ": " + added + " added, "
                        + (entries.size() - added) + " updated");
                return DONE;
            }
        } catch (Exception e) {
            err.println("umpin: " + UmpinApplication.reason(e));
            return ERROR;
        }
    }
}
