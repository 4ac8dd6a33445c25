package org.umpin.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;
import org.umpin.audit.ResetAttempt;
import org.umpin.http.HttpRefusal;
import org.umpin.secret.SecretHasher;

/**
 * umpin's own meters, beside Camel's and the JVM's on {@code /observe/metrics}:
 * {@code umpin_resets_total{outcome,fault_code}}, {@code umpin_reset_duration_seconds},
 * {@code umpin_smtp_send_duration_seconds{result}}, {@code umpin_store_duration_seconds{operation}} and
 * {@code umpin_http_refusals_total{status}}.
 */
public final class ResetMetrics {

    /** Every fault code a reset can end with, so that each counter exists, at 0, from the start. */
    static final List<String> FAULT_CODES = List.of("ErrorInvalidRequest", "UserNotUmEnabledException",
            "ResetPINException", "ErrorImpersonationDenied", "ErrorNonExistentMailbox", "ErrorInternalServerError");
    static final String NO_FAULT = "none";
    /** Histogram buckets from a fast local reset to a slow relay with retries. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    /**
     * What the scrape must not show to whoever reads the management port: endpoint URIs (the
     * relay's host and port, any host a customised route names) are reduced to their component's
     * name ({@code smtp}), and the meters whose only content is versions (the JVM's exact build,
     * Camel's) are removed. Camel Main registers them before umpin's configuration runs, so this
     * happens as the context starts, before any request.
     */
    public static StartupListener withoutEndpointNamesOrVersions(MeterRegistry registry) {
        return (context, alreadyStarted) -> {
            for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
                if (notifier instanceof MicrometerExchangeEventNotifier exchanges) {
                    exchanges.setNamingStrategy(new ComponentOnly(exchanges.getNamingStrategy()));
                }
            }
            registry.getMeters().stream().filter(meter -> VERSION_METERS.contains(meter.getId().getName())).toList()
                    .forEach(registry::remove);
        };
    }

    private static final List<String> VERSION_METERS = List.of("jvm.info", "app.info");

    /** Camel's names and tags for its exchange meters, with the endpoint named by its component only. */
    private record ComponentOnly(MicrometerExchangeEventNotifierNamingStrategy names)
            implements MicrometerExchangeEventNotifierNamingStrategy {

        @Override
        public String getName(org.apache.camel.Exchange exchange, Endpoint endpoint) {
            return names.getName(exchange, endpoint);
        }

        @Override
        public boolean isBaseEndpointURI() {
            return names.isBaseEndpointURI();
        }

        @Override
        public String formatName(String name) {
            return names.formatName(name);
        }

        @Override
        public String getInflightExchangesName() {
            return names.getInflightExchangesName();
        }

        @Override
        public Tags getInflightExchangesTags(CamelContext context, String routeId) {
            return names.getInflightExchangesTags(context, routeId);
        }

        @Override
        public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
            return Tags.of(names.getTags(event, endpoint).stream().map(tag -> "endpointName".equals(tag.getKey())
                    ? Tag.of(tag.getKey(), tag.getValue().split(":", 2)[0]) : tag).toList());
        }
    }

    private final MeterRegistry registry;

    /** {@code operations}: the SOAP operations, whose request counters exist from the start. */
    public ResetMetrics(MeterRegistry registry, List<String> operations) {
        this.registry = registry;
        resets(ResetAttempt.Outcome.SUCCESS, NO_FAULT);
        FAULT_CODES.forEach(code -> resets(ResetAttempt.Outcome.FAULT, code));
        operations.forEach(operation -> requests(operation, ResetAttempt.Outcome.SUCCESS, NO_FAULT));
        List.of(401, 403, 413, 429, 503).forEach(this::refusals);
    }

    /**
     * A request ended: counted by operation, outcome and fault code; a reset also by outcome
     * and fault code alone, and timed from the request to the answer.
     */
    public void attempt(ResetAttempt attempt) {
        if (!attempt.isRequest()) {
            return; // a failed login: counted in umpin_http_refusals_total
        }
        requests(attempt.operation(), attempt.outcome(), attempt.faultCode().orElse(NO_FAULT)).increment();
        if (!attempt.isReset()) {
            return;
        }
        resets(attempt.outcome(), attempt.faultCode().orElse(NO_FAULT)).increment();
        timer("umpin.reset.duration", "from the request to the answer", "outcome", attempt.outcome().word())
                .record(attempt.duration());
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

    private Counter resets(ResetAttempt.Outcome outcome, String faultCode) {
        return Counter.builder("umpin.resets").description("ResetPIN requests of authenticated callers, by how they ended")
                .tag("outcome", outcome.word()).tag("fault_code", faultCode).register(registry);
    }

    private Counter requests(String operation, ResetAttempt.Outcome outcome, String faultCode) {
        return Counter.builder("umpin.soap.requests").description("UM2007Legacy.asmx requests of authenticated callers, by operation and how they ended")
                .tag("operation", operation).tag("outcome", outcome.word()).tag("fault_code", faultCode).register(registry);
    }

    private Timer timer(String name, String description, String tag, String value) {
        return Timer.builder(name).description(description).tag(tag, value).serviceLevelObjectives(BUCKETS).register(registry);
    }
}
