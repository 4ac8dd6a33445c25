package org.umpin.mailbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A directory file: mailboxes in CSV, for the demo directory loaded into an empty store at
 * first start and for {@code directory import}. Columns: login, smtp_address, display_name,
 * password, extension, language, um_enabled, enabled, pin_policy; {@code #} starts a comment.
 */
public final class MailboxFile {

    /** A mailbox and its password in clear, as the file gives it. */
    public record Entry(Mailbox mailbox, String password) {
    }

    private MailboxFile() {
    }

    public static List<Entry> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> parse(file, line))
                .toList();
    }

    /** Adds the file's mailboxes when the directory is empty; returns how many were added. */
    public static int loadIfEmpty(MailboxDirectory directory, List<Entry> entries) {
        if (!directory.isEmpty()) {
            return 0;
        }
        entries.forEach(entry -> directory.add(entry.mailbox(), entry.password()));
        return entries.size();
    }

    private static Entry parse(Path file, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException(file + ": expected 9 comma-separated columns in \"" + line + "\"");
        }
        Mailbox mailbox = new Mailbox(0, f[0].strip(), f[2].strip(),
                Optional.of(f[1].strip()).filter(s -> !s.isEmpty()), f[4].strip(), f[5].strip(),
                Boolean.parseBoolean(f[6].strip()), Boolean.parseBoolean(f[7].strip()), f[8].strip());
        return new Entry(mailbox, f[3].strip());
    }
}
