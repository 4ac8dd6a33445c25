package org.umpin.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.umpin.audit.PinEvent;
import org.umpin.http.HttpRefusal;
import org.umpin.secret.SecretHasher;

/**
 * umpin's own meters, every door's, beside Camel's and the JVM's on {@code /observe/metrics}:
 * {@code umpin_soap_requests_total{operation,outcome,fault_code}}, {@code umpin_resets_total{outcome,fault_code}},
 * {@code umpin_reset_duration_seconds}, {@code umpin_smtp_send_duration_seconds{result}},
 * {@code umpin_store_duration_seconds{operation}}, {@code umpin_http_refusals_total{status}}, the
 * telephone's {@code umpin_logons_total{result}}, {@code umpin_pin_changes_total{result}},
 * {@code umpin_automatic_resets_total{outcome}} and {@code umpin_lockouts_total}, the scheduled
 * mails' {@code umpin_expiry_warnings_total{outcome}} and {@code umpin_pin_corrections_total{outcome}},
 * and {@code umpin_hash_derivations_total}. Never a PIN, a login or an address in a tag.
 */
public final class Metrics {

    /** Every fault code a reset can end with, so that each counter exists, at 0, from the start. */
    static final List<String> FAULT_CODES = List.of("ErrorInvalidRequest", "UserNotUmEnabledException",
            "ResetPINException", "ErrorImpersonationDenied", "ErrorNonExistentMailbox", "ErrorInternalServerError");
    static final String NO_FAULT = "none";
    private static final String RESET_PIN = "ResetPIN";
    /** Every answer and problem of a telephone logon and a PIN change, whose counters exist from the start. */
    static final List<String> LOGON_RESULTS = List.of("ok", "wrong", "locked", "mailbox-not-found", "bad-request");
    static final List<String> CHANGE_RESULTS = List.of("changed", "pin-refused", "wrong-pin", "locked",
            "mailbox-not-found", "bad-request");
    /** How a scheduled mail (an expiry warning, a correction) ended: mailed, not taken by the relay, or left to another scan. */
    static final List<String> SCHEDULED_MAIL_OUTCOMES = List.of("sent", "failed", "skipped");
    /** Histogram buckets from a fast local reset to a slow relay with retries. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    /** {@code operations}: the SOAP operations, whose request counters exist from the start. */
    public Metrics(MeterRegistry registry, List<String> operations) {
        this.registry = registry;
        resets(PinEvent.SUCCESS, NO_FAULT);
        FAULT_CODES.forEach(code -> resets(PinEvent.FAULT, code));
        operations.forEach(operation -> requests(operation, PinEvent.SUCCESS, NO_FAULT));
        List.of(401, 403, 413, 429, 503).forEach(this::refusals);
        // every telephone series exists, at 0, from the start
        LOGON_RESULTS.forEach(result -> logons(result));
        CHANGE_RESULTS.forEach(result -> changes(result));
        List.of("success", "failed").forEach(outcome -> automaticResets(outcome));
        lockouts();
        SCHEDULED_MAIL_OUTCOMES.forEach(outcome -> {
            expiryWarnings(outcome);
            corrections(outcome);
        });
    }

    /**
     * A request ended: counted by operation, outcome and fault code; a reset also by outcome
     * and fault code alone, and timed from the request to the answer.
     */
    public void soapRequest(PinEvent request) {
        if (!request.isRequest()) {
            return; // a failed login: counted in umpin_http_refusals_total
        }
        String faultCode = request.outcome().equals(PinEvent.FAULT) ? request.detail().orElse(NO_FAULT) : NO_FAULT;
        requests(request.action(), request.outcome(), faultCode).increment();
        if (!RESET_PIN.equals(request.action())) {
            return;
        }
        resets(request.outcome(), faultCode).increment();
        timer("umpin.reset.duration", "from the request to the answer", "outcome", request.outcome())
                .record(request.duration());
    }

    /** A telephone logon ended: {@code result} is its answer ({@code ok}, {@code wrong}, {@code locked}) or its problem. */
    public void logon(String result) {
        logons(result).increment();
    }

    /** A PIN change of a user's own ended: {@code changed}, or its problem. */
    public void pinChange(String result) {
        changes(result).increment();
    }

    /** An automatic reset after failed logons: {@code success} or {@code failed}. */
    public void automaticReset(String outcome) {
        automaticResets(outcome).increment();
    }

    /** An expiry warning: {@code sent}, {@code failed} (tried again at the next scan) or {@code skipped} (not due any more, or busy). */
    public void expiryWarning(String outcome) {
        expiryWarnings(outcome).increment();
    }

    /** A correction of a PIN mailed and never committed: {@code sent}, {@code failed} or {@code skipped}. */
    public void correction(String outcome) {
        corrections(outcome).increment();
    }

    /** A failed logon locked a mailbox out. */
    public void lockedOut() {
        lockouts().increment();
    }

    /** The hasher's PBKDF2 derivations, the cost that bounds how many resets and logons a core serves. */
    public void countDerivations(SecretHasher hasher) {
        FunctionCounter.builder("umpin.hash.derivations", hasher, SecretHasher::derivations)
                .description("PBKDF2 key derivations: passwords, PINs, decoys").register(registry);
    }

    /**
     * A request answered at the HTTP layer, before it was a reset attempt: 401 (no or wrong
     * credentials, and the challenge a client gets before it sends any), 403 (plain HTTP from
     * another host), 413, 429 (too many failed logins), 503.
     */
    public void refused(int status) {
        refusals(status).increment();
    }

    /** Puts {@link #refused} where the HTTP layer of a CXF endpoint finds it. */
    public void countRefusals(Map<String, Object> endpointProperties) {
        endpointProperties.put(HttpRefusal.COUNTER, (IntConsumer) this::refused);
    }

    /** Times one call on the store ({@code lock}, {@code write}, {@code commit}). */
    public <T> T store(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            timer("umpin.store.duration", "one call on the store during a reset", "operation", operation)
                    .record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public void store(String operation, Runnable call) {
        store(operation, () -> {
            call.run();
            return null;
        });
    }

    /** Times each send to an SMTP endpoint, accepted or failed (each retry is a send of its own). */
    public EventNotifierSupport smtpSends() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().startsWith("smtp")) {
                    timer("umpin.smtp.send.duration", "one send to the SMTP relay, retries each counted",
                            "result", sent.getExchange().getException() == null ? "accepted" : "failed")
                            .record(Duration.ofMillis(sent.getTimeTaken()));
                }
            }
        };
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreStepEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeCompletedEvent(true);
        notifier.setIgnoreExchangeFailedEvents(true);
        notifier.setIgnoreExchangeRedeliveryEvents(true);
        notifier.setIgnoreExchangeSendingEvents(true);
        notifier.setIgnoreExchangeAsyncProcessingStartedEvents(true);
        return notifier;
    }

    private Counter refusals(int status) {
        return Counter.builder("umpin.http.refusals").description("requests refused before authentication or SOAP, by HTTP status")
                .tag("status", Integer.toString(status)).register(registry);
    }

    private Counter resets(String outcome, String faultCode) {
        return Counter.builder("umpin.resets").description("ResetPIN requests of authenticated callers, by how they ended")
                .tag("outcome", outcome).tag("fault_code", faultCode).register(registry);
    }

    private Counter requests(String operation, String outcome, String faultCode) {
        return Counter.builder("umpin.soap.requests").description("UM2007Legacy.asmx requests of authenticated callers, by operation and how they ended")
                .tag("operation", operation).tag("outcome", outcome).tag("fault_code", faultCode).register(registry);
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

    private Counter expiryWarnings(String outcome) {
        return Counter.builder("umpin.expiry.warnings").description("e-mails warning that a PIN expires soon, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter corrections(String outcome) {
        return Counter.builder("umpin.pin.corrections")
                .description("e-mails saying that a PIN mailed earlier never became valid, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter lockouts() {
        return Counter.builder("umpin.lockouts").description("mailboxes locked out after MaxLogonAttempts failed logons")
                .register(registry);
    }

    private Timer timer(String name, String description, String tag, String value) {
        return Timer.builder(name).description(description).tag(tag, value).serviceLevelObjectives(BUCKETS).register(registry);
    }
}
