package org.umpin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.umpin.app.StartupException;
import org.umpin.mailbox.MailboxFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code directory}: the commands on the embedded directory. */
@Command(name = "directory",
        header = "Load mailboxes into the store.",
        description = "Give one of the commands below; each has --help.",
        commandListHeading = "%nCommands:%n",
        subcommands = DirectoryCommand.Import.class)
final class DirectoryCommand {

    @Mixin
    HelpOption help;

    /**
     * {@code directory import <file.csv>}: adds the file's mailboxes to the store the settings
     * name (H2 or PostgreSQL), or updates those whose login exists; PINs are kept. Exit 0 when
     * done, 2 on a usage, file or store error (then nothing of a bad file is imported).
     */
    @Command(name = "import",
            header = "Add or update mailboxes from a CSV file.",
            description = {"Loads the file's mailboxes into the store the settings name (H2 or PostgreSQL), also "
                    + "while the service runs: a login that is new is added, one that exists is updated (its PIN "
                    + "and history stay). The whole file is checked first: a bad line imports nothing.",
                "Columns, as in config/demo-mailboxes.csv: login, smtp_address, display_name, password, extension, "
                    + "language, um_enabled, enabled, pin_policy. Lines starting with # are comments."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:imported", "2:a usage error, a bad file (nothing imported) or a store error"})
    static final class Import implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<mailboxes.csv>", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (!Files.isRegularFile(file)) {
                    err.println("umpin: no file " + file.toAbsolutePath());
                    return UmpinApplication.ERROR;
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
                    return 0;
                }
            } catch (Exception e) {
                err.println("umpin: " + StartupException.reason(e));
                return UmpinApplication.ERROR;
            }
        }
    }
}
