package org.umpin.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntConsumer;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.MDC;
import org.umpin.throttle.LoginCheck;

/** An answer at the HTTP layer, before any SOAP or JSON processing: the interceptor chain stops here. */
public final class HttpRefusal {

    /** HTTP 429, which the servlet API has no constant for. */
    static final int SC_TOO_MANY_REQUESTS = 429;
    private static final int MAX_DRAINED_BYTES = 64 * 1024;

    /** Endpoint property: an {@link IntConsumer} told the status of each refusal (the metrics). */
    public static final String COUNTER = "umpin.httpRefusals";

    private HttpRefusal() {
    }

    /** Stops the chain and starts an empty answer with {@code status}; {@link #send} ends it. */
    static HttpServletResponse start(Message message, int status) {
        message.getInterceptorChain().abort();
        // no reset attempt: its correlation id must not stay on this thread
        MDC.remove(RequestStart.MDC_KEY);
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
    public static void closing(Message message, int status) {
        HttpServletResponse response = start(message, status);
        response.setHeader("Connection", "close");
        send(response);
    }

    /**
     * HTTP 401 with one {@code WWW-Authenticate} header per challenge, in their order (the scheme
     * a client should prefer first, as IIS offers them): the first leg of most clients'
     * handshake, or a wrong login. The connection stays open when the request's body is short.
     */
    public static void challenge(Message message, String... challenges) {
        HttpServletResponse response = start(message, HttpServletResponse.SC_UNAUTHORIZED);
        for (String challenge : challenges) {
            response.addHeader("WWW-Authenticate", challenge);
        }
        try {
            // clients retry with credentials on the same connection: it stays usable only if the
            // unread request body is consumed; a large one is not worth reading
            if (!drain(message.getContent(InputStream.class))) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException clientGone) {
            return; // nothing to tell a client that hung up
        }
        send(response);
    }

    /** HTTP 429: too many failed logins lately; {@code Retry-After} says when the bound lets the login try again. */
    public static void tooManyRequests(Message message, LoginCheck.Throttled throttled) {
        HttpServletResponse response = start(message, SC_TOO_MANY_REQUESTS);
        response.setHeader("Retry-After", throttled.retryAfterHeader());
        response.setHeader("Connection", "close");
        send(response);
    }

    /** Reads and drops the request body; false when it is longer than a ResetPIN request can be. */
    private static boolean drain(InputStream body) throws IOException {
        if (body == null) {
            return true;
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            total += n;
            if (total > MAX_DRAINED_BYTES) {
                return false;
            }
        }
        return true;
    }
}
