package org.umpin.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.PinEvent;
import org.umpin.http.KerberosAcceptor;
import org.umpin.mailbox.Mailbox;
import org.umpin.observe.Metrics;

/**
 * The one audit row, one log line and count of each telephone logon, PIN change and PIN state
 * read, whichever door ran it (the telephony API, the page's PIN change), and of the automatic
 * reset and the lockout the shared steps cause: {@code umpin_logons_total{result}},
 * {@code umpin_pin_changes_total{result}}, {@code umpin_automatic_resets_total{outcome}} and
 * {@code umpin_lockouts_total} ({@link Metrics}). Never a PIN.
 */
public final class StepEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StepEvents.class);
    /** The action of the scheduled warning that a PIN expires soon. */
    public static final String EXPIRY_WARNING = "expiry-warning";
    /** The action of the scheduled correction of a PIN mailed and never committed. */
    public static final String PIN_CORRECTION = "pin-correction";
    /** The caller of a scheduled mail's audit row: umpin itself. */
    static final String SCHEDULER = "umpin";

    private final Consumer<PinEvent> audit;
    private final Metrics metrics;

    public StepEvents(Consumer<PinEvent> audit, Metrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    /** A logon or a PIN change ended as the API answered it. */
    public void answered(Exchange exchange, String outcome, Optional<String> detail) {
        record(exchange, action(exchange), outcome, detail, null);
    }

    /** A request ended with a problem answer: {@code problem} is its stable name. */
    public void refused(Exchange exchange, String problem, Exception cause) {
        record(exchange, action(exchange), problem.equals("wrong-pin") || problem.equals("locked") ? problem : "refused",
                Optional.of(problem), cause);
    }

    /** An automatic reset after a failed logon: committed and mailed, or not ({@code failure}). */
    void automaticReset(Exchange exchange, Exception failure) {
        record(exchange, "automatic-reset", failure == null ? "success" : "failed",
                failure == null ? Optional.empty() : Optional.of(failure.getClass().getSimpleName()), failure);
        metrics.automaticReset(failure == null ? "success" : "failed");
    }

    /**
     * A scheduled mail ({@value StepProperties#ACTION}: {@code expiry-warning}, {@code pin-correction})
     * mailed, or not ({@code failure}): an audit row whose caller is umpin itself, a log line and
     * its count. One that was skipped (not due any more, or another change held the mailbox) is
     * counted only.
     */
    public void scheduledMail(Exchange exchange, String outcome, Exception failure) {
        String action = action(exchange);
        if (action.equals(EXPIRY_WARNING)) {
            metrics.expiryWarning(outcome);
        } else {
            metrics.correction(outcome);
        }
        if (outcome.equals("skipped")) {
            return;
        }
        Duration took = StepProperties.took(exchange);
        PinEvent event = new PinEvent(Instant.now().minus(took), action, SCHEDULER, mailbox(exchange), Optional.empty(),
                failure == null ? PinEvent.SUCCESS : "failed",
                failure == null ? Optional.empty() : Optional.of(failure.getClass().getSimpleName()),
                StepProperties.correlationId(exchange), took);
        if (failure == null) {
            LOG.info("{} mailed for mailbox {} in {} ms, correlation id {}", action, event.mailbox(), took.toMillis(),
                    event.correlationId());
        } else {
            LOG.warn("{} not mailed for mailbox {}, tried again at the next scan, correlation id {}: {}", action,
                    event.mailbox(), event.correlationId(), failure.toString());
        }
        audit.accept(event);
    }

    /** A failed logon locked the mailbox out (the count reached MaxLogonAttempts). */
    void lockedOut(Exchange exchange) {
        metrics.lockedOut();
        LOG.warn("Mailbox {} locked out after {} consecutive failed logons, correlation id {}",
                mailbox(exchange), StepProperties.logon(exchange).failedLogons(), StepProperties.correlationId(exchange));
    }

    private void record(Exchange exchange, String action, String outcome, Optional<String> detail, Exception cause) {
        Mailbox caller = StepProperties.caller(exchange);
        String callerName = exchange.getProperty(StepProperties.CALLER_NAME, String.class);
        String clientAddress = exchange.getProperty(StepProperties.CLIENT_ADDRESS, String.class);
        Duration took = StepProperties.took(exchange);
        // the time the request came, as a ResetPIN row's; a Kerberos caller as it signed in (kerberos:alice@REALM)
        String who = caller == null ? "-" : callerName != null && callerName.startsWith(KerberosAcceptor.PREFIX)
                ? callerName : caller.login();
        PinEvent event = new PinEvent(Instant.now().minus(took), action, who,
                mailbox(exchange), Optional.ofNullable(clientAddress), outcome, detail, StepProperties.correlationId(exchange),
                took);
        String format = "Telephony {} {} for mailbox {} (caller {}) from {} in {} ms, correlation id {}{}";
        Object[] args = {action, outcome + detail.map(d -> " " + d).orElse(""), event.mailbox(), event.caller(),
            clientAddress, event.duration().toMillis(), event.correlationId(), cause == null ? "" : ": " + cause};
        if (cause != null || outcome.equals("locked") || outcome.equals("failed")) {
            LOG.warn(format, args);
        } else {
            LOG.info(format, args);
        }
        switch (action) {
            case "logon" -> metrics.logon(detail.filter(d -> outcome.equals("refused")).orElse(outcome));
            case "pin-change" -> metrics.pinChange(detail.filter(d -> outcome.equals("refused")).orElse(outcome));
            default -> { }
        }
        audit.accept(event);
    }

    private static String action(Exchange exchange) {
        return exchange.getProperty(StepProperties.ACTION, "request", String.class);
    }

    /** The login of the mailbox acted on; the name as given when no mailbox has it. */
    private static String mailbox(Exchange exchange) {
        Mailbox mailbox = exchange.getProperty(StepProperties.MAILBOX, Mailbox.class);
        if (mailbox != null) {
            return mailbox.login();
        }
        String name = exchange.getProperty(StepProperties.MAILBOX_NAME, String.class);
        return name == null ? "-" : name.replaceAll("\\p{Cntrl}", "?");
    }
}
