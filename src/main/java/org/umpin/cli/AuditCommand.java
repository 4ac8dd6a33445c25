package org.umpin.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.umpin.app.StartupException;
import org.umpin.audit.PinEvent;
import org.umpin.mailbox.Mailbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code audit --mailbox <login> [--since <when>]}: the reset attempts on a mailbox, oldest
 * first, one per line. {@code <when>} is a date (2026-11-01, UTC), an instant
 * (2026-11-01T09:30:00Z) or an age (90d, 12h, 30m); without it, every record kept.
 * Exit 0, or 2 on a usage or store error.
 */
@Command(name = "audit",
        header = "Print a mailbox's audit trail: requests, logons, failed logins.",
        description = {"One line per record, oldest first: time (UTC), action, outcome, detail (a fault code, a problem "
                + "type), mailbox, caller (the login as typed, or os:<user> for a command), client address, duration and "
                + "correlation id (the one of the record's log line). Reads the store the settings name, also while the "
                + "service runs."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed (also when there is nothing to print)", "2:a usage error, or the store cannot be read"})
final class AuditCommand implements Callable<Integer> {

    private static final String LINE = "%-24s  %-15s  %-13s  %-25s  %-10s  %-24s  %-15s  %7s  %s%n";

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--mailbox", required = true, paramLabel = "<login>",
            description = "the mailbox, in any form a caller may log in with (one no longer in the directory: its login)")
    String mailbox;

    @Option(names = "--since", paramLabel = "<when>", converter = Since.class,
            description = "only attempts from then on: a date (2026-11-01, UTC), an instant (2026-11-01T09:30:00Z) "
                    + "or an age (90d, 12h, 30m); without it, every record kept")
    Instant since = Instant.EPOCH;

    @Override
    public Integer call() {
        if (mailbox.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--mailbox needs a login");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CommandStore store = CommandStore.open()) {
            // any form of the name a caller may type; a mailbox gone from the directory by its login
            String login = store.directory.find(mailbox).map(Mailbox::login).orElse(mailbox.strip().toLowerCase(Locale.ROOT));
            List<PinEvent> events = store.auditTrail().find(login, since);
            if (events.isEmpty()) {
                out.println("no audit records on mailbox " + login + (since.equals(Instant.EPOCH) ? "" : " since " + since));
                return 0;
            }
            out.printf(LINE, "time (UTC)", "action", "outcome", "detail", "mailbox", "caller", "client", "ms", "correlation id");
            for (PinEvent e : events) {
                // a fault code, why a PIN must change, or a setting's change
                String detail = e.detail().or(() -> e.change().map(c -> "\"" + c.oldValue() + "\" -> \"" + c.newValue() + "\""))
                        .orElse("-");
                out.printf(LINE, e.time().truncatedTo(ChronoUnit.MILLIS), e.action(), e.outcome(), detail,
                        e.mailbox(), e.caller(), e.clientAddress().orElse("-"), e.duration().toMillis(), e.correlationId());
            }
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("umpin: " + StartupException.reason(e));
            return UmpinApplication.ERROR;
        }
    }

    /** {@code --since}: a date, an instant or an age before now. */
    static final class Since implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return since(value, Instant.now());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new TypeConversionException("a date (2026-11-01), an instant (2026-11-01T09:30:00Z) or an age "
                        + "(90d, 12h, 30m), not '" + value + "'");
            }
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
