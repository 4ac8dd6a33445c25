package org.umpin.camel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.IntConsumer;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.MDC;

/** An answer at the HTTP layer, with no body, before any SOAP processing: the interceptor chain stops here. */
final class HttpRefusal {

    /** Endpoint property: an {@link IntConsumer} told the status of each refusal (the metrics). */
    static final String COUNTER = "umpin.httpRefusals";

    private HttpRefusal() {
    }

    /** Stops the chain and starts an empty answer with {@code status}; {@link #send} ends it. */
    static HttpServletResponse start(Message message, int status) {
        message.getInterceptorChain().abort();
        // no reset attempt: its correlation id must not stay on this thread
        MDC.remove(ResetAttempts.MDC_KEY);
        if (message.getContextualProperty(COUNTER) instanceof IntConsumer counter) {
            counter.accept(status);
        }
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        response.setStatus(status);
        response.setContentLength(0);
        return response;
    }

    static void send(HttpServletResponse response) {
        try {
            response.flushBuffer();
        } catch (IOException clientGone) {
            // nothing to tell a client that hung up
        }
    }

    /** Answers {@code status} and closes the connection: the request's body is not read. */
    static void closing(Message message, int status) {
        HttpServletResponse response = start(message, status);
        response.setHeader("Connection", "close");
        send(response);
    }
}
