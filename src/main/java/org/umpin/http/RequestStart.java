package org.umpin.http;

import java.time.Instant;
import java.util.UUID;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.MDC;

/**
 * Where every request of every door starts: its correlation id, the one that its log lines,
 * audit row and any internal-error answer share (in the logging MDC as {@code correlationId}),
 * the time it came and its client. The id is made here and nowhere else for a request; a
 * command or a page's own work with no request behind it asks {@link #correlationId} for a new one.
 */
public record RequestStart(String correlationId, Instant time, long startNanos, String clientAddress) {

    public static final String MDC_KEY = "correlationId";

    /** First in each endpoint's in-interceptors, after {@link RequestClient}. */
    public static AbstractPhaseInterceptor<Message> interceptor() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
                    // a WSDL or a page read is no attempt; no id of an earlier request stays on this thread
                    MDC.remove(MDC_KEY);
                    return;
                }
                RequestStart started = now(RequestClient.of(message).address());
                message.getExchange().put(RequestStart.class, started);
                MDC.put(MDC_KEY, started.correlationId());
            }
        };
    }

    /**
     * Last on the way out of a door whose answer no other interceptor ends (the pages): no id of
     * this request stays on the thread for the next one.
     */
    public static AbstractPhaseInterceptor<Message> ending() {
        return new AbstractPhaseInterceptor<>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) {
                MDC.remove(MDC_KEY);
            }
        };
    }

    /** The request's start, taken off it so that it is recorded once; a new one when it was never started or already taken. */
    public static RequestStart take(Exchange exchange) {
        RequestStart started = exchange.remove(RequestStart.class);
        return started != null ? started : now(null);
    }

    /** A request starting now, with a new correlation id. */
    private static RequestStart now(String clientAddress) {
        return new RequestStart(UUID.randomUUID().toString(), Instant.now(), System.nanoTime(), clientAddress);
    }

    /** The request's start, if it was started and not yet taken. */
    public static RequestStart of(Exchange exchange) {
        return exchange == null ? null : exchange.get(RequestStart.class);
    }

    /** When the request's first byte came ({@link System#nanoTime()}); now when there is no request to take it from. */
    public static long startNanos(Exchange exchange) {
        RequestStart started = of(exchange);
        return started != null ? started.startNanos() : System.nanoTime();
    }

    /** The request's correlation id; a new one when there is no request to take it from. */
    public static String correlationId(Exchange exchange) {
        RequestStart started = of(exchange);
        return started != null ? started.correlationId() : UUID.randomUUID().toString();
    }
}
