package org.umpin.telephony;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.PinEvent;
import org.umpin.mailbox.Mailbox;
import org.umpin.steps.StepProperties;

/**
 * Each telephony request's one audit row and one log line, and its metrics:
 * {@code umpin_logons_total{result}}, {@code umpin_pin_changes_total{result}},
 * {@code umpin_automatic_resets_total{outcome}} and {@code umpin_lockouts_total}. Never a PIN.
 */
public final class TelephonyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(TelephonyEvents.class);
    static final List<String> LOGON_RESULTS = List.of("ok", "wrong", "locked", "mailbox-not-found", "bad-request");
    static final List<String> CHANGE_RESULTS = List.of("changed", "pin-refused", "wrong-pin", "locked",
            "mailbox-not-found", "bad-request");

    private final Consumer<PinEvent> audit;
    private final MeterRegistry registry;

    public TelephonyEvents(Consumer<PinEvent> audit, MeterRegistry registry) {
        this.audit = audit;
        this.registry = registry;
        // every series exists, at 0, from the start
        LOGON_RESULTS.forEach(result -> logons(result));
        CHANGE_RESULTS.forEach(result -> changes(result));
        List.of("success", "failed").forEach(outcome -> automaticResets(outcome));
        lockouts();
    }

    /** A logon or a PIN change ended as the API answered it. */
    void answered(Exchange exchange, String outcome, Optional<String> detail) {
        record(exchange, action(exchange), outcome, detail, null);
    }

    /** A request ended with a problem answer: {@code problem} is its stable name. */
    void refused(Exchange exchange, String problem, Exception cause) {
        record(exchange, action(exchange), problem.equals("wrong-pin") || problem.equals("locked") ? problem : "refused",
                Optional.of(problem), cause);
    }

    /** An automatic reset after a failed logon: committed and mailed, or not ({@code failure}). */
    void automaticReset(Exchange exchange, Exception failure) {
        record(exchange, "automatic-reset", failure == null ? "success" : "failed",
                failure == null ? Optional.empty() : Optional.of(failure.getClass().getSimpleName()), failure);
        automaticResets(failure == null ? "success" : "failed").increment();
    }

    /** A failed logon locked the mailbox out (the count reached MaxLogonAttempts). */
    void lockedOut(Exchange exchange) {
        lockouts().increment();
        LOG.warn("Mailbox {} locked out after {} consecutive failed logons, correlation id {}",
                mailbox(exchange), StepProperties.logon(exchange).failedLogons(), StepProperties.correlationId(exchange));
    }

    private void record(Exchange exchange, String action, String outcome, Optional<String> detail, Exception cause) {
        Mailbox caller = StepProperties.caller(exchange);
        String clientAddress = exchange.getProperty(StepProperties.CLIENT_ADDRESS, String.class);
        Duration took = StepProperties.took(exchange);
        // the time the request came, as a ResetPIN row's
        PinEvent event = new PinEvent(Instant.now().minus(took), action, caller == null ? "-" : caller.login(),
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
            case "logon" -> logons(detail.filter(d -> outcome.equals("refused")).orElse(outcome)).increment();
            case "pin-change" -> changes(detail.filter(d -> outcome.equals("refused")).orElse(outcome)).increment();
            default -> { }
        }
        try {
            audit.accept(event);
        } catch (RuntimeException e) {
            LOG.error("Telephony {}: the audit record could not be written: {}", event.correlationId(), e.toString());
        }
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

    private Counter logons(String result) {
        return Counter.builder("umpin.logons").description("telephone logons with a PIN, by result")
                .tag("result", result).register(registry);
    }

    private Counter changes(String result) {
        return Counter.builder("umpin.pin.changes").description("PINs chosen by users on the telephone, by result")
                .tag("result", result).register(registry);
    }

    private Counter automaticResets(String outcome) {
        return Counter.builder("umpin.automatic.resets").description("PINs reset after LogonFailuresBeforePINReset failed logons")
                .tag("outcome", outcome).register(registry);
    }

    private Counter lockouts() {
        return Counter.builder("umpin.lockouts").description("mailboxes locked out after MaxLogonAttempts failed logons")
                .register(registry);
    }
}
