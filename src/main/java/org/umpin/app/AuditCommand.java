package org.umpin.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.ResetAttempt;
import org.umpin.mailbox.Mailbox;

/**
 * {@code audit --mailbox <login> [--since <when>]}: the reset attempts on a mailbox, oldest
 * first, one per line. {@code <when>} is a date (2026-11-01, UTC), an instant
 * (2026-11-01T09:30:00Z) or an age (90d, 12h, 30m); without it, every record kept.
 * Exit 0, or 2 on a usage or store error.
 */
final class AuditCommand {

    static final int DONE = 0;
    static final int ERROR = 2;
    private static final String USAGE = "usage: java -jar target/umpin.jar audit --mailbox <login> [--since <2026-11-01|2026-11-01T09:30:00Z|90d|12h|30m>]";
    private static final String LINE = "%-24s  %-13s  %-25s  %-10s  %-24s  %-15s  %7s  %s%n";

    private AuditCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String mailbox = null;
        Instant since = Instant.EPOCH;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--mailbox" -> mailbox = value;
                    case "--since" -> since = value == null ? null : since(value, Instant.now());
                    default -> value = null;
                }
                if (value == null || value.isBlank()) {
                    err.println(USAGE);
                    return ERROR;
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            err.println("umpin: --since takes a date (2026-11-01), an instant (2026-11-01T09:30:00Z) or an age (90d, 12h, 30m)");
            return ERROR;
        }
        if (mailbox == null) {
            err.println(USAGE);
            return ERROR;
        }
        try (CommandStore store = CommandStore.open()) {
            // any form of the name a caller may type; a mailbox gone from the directory by its login
            String login = store.directory.find(mailbox).map(Mailbox::login).orElse(mailbox.strip().toLowerCase(Locale.ROOT));
            List<ResetAttempt> attempts = new AuditTrail(store.dataSource).find(login, since);
            if (attempts.isEmpty()) {
                out.println("no reset attempts on mailbox " + login + (since.equals(Instant.EPOCH) ? "" : " since " + since));
                return DONE;
            }
            out.printf(LINE, "time (UTC)", "outcome", "fault code", "mailbox", "login", "client", "ms", "correlation id");
            for (ResetAttempt a : attempts) {
                out.printf(LINE, a.time().truncatedTo(ChronoUnit.MILLIS), a.outcome().word(), a.faultCode().orElse("-"),
                        a.mailbox(), a.login(), a.clientAddress() == null ? "-" : a.clientAddress(), a.duration().toMillis(),
                        a.correlationId());
            }
            return DONE;
        } catch (Exception e) {
            err.println("umpin: " + UmpinApplication.reason(e));
            return ERROR;
        }
    }

    /** A date, an instant or an age before {@code now}. */
    static Instant since(String when, Instant now) {
        String text = when.strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+[dhm]")) {
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            ChronoUnit unit = switch (text.charAt(text.length() - 1)) {
                case 'd' -> ChronoUnit.DAYS;
                case 'h' -> ChronoUnit.HOURS;
                default -> ChronoUnit.MINUTES;
            };
            return now.minus(Duration.of(amount, unit));
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(when.strip());
    }
}
