package org.umpin.camel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.IntConsumer;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.MDC;

/** An answer at the HTTP layer, before any SOAP or JSON processing: the interceptor chain stops here. */
public final class HttpRefusal {

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

    /**
     * Answers {@code status} with a body of the door's own ({@code application/problem+json} for
     * the telephony API) and closes the connection: the request's body is not read.
     */
    public static void withBody(Message message, int status, String contentType, String body) {
        HttpServletResponse response = start(message, status);
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.setHeader("Connection", "close");
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException clientGone) {
            return; // nothing to tell a client that hung up
        }
        send(response);
    }

    /** Answers {@code status} and closes the connection: the request's body is not read. */
    static void closing(Message message, int status) {
        HttpServletResponse response = start(message, status);
        response.setHeader("Connection", "close");
        send(response);
    }
}
