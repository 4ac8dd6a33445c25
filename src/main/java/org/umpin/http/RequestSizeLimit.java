package org.umpin.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Bounds a request's body, before anything reads it. A Content-Length over the limit gets
 * HTTP 413 at once, unread; a body without one (chunked) is cut off where it passes the limit,
 * and the SOAP door (InvalidRequestFaults) answers 413 with {@code a:ErrorInvalidRequest}.
 */
public final class RequestSizeLimit extends AbstractPhaseInterceptor<Message> {

    /** Set on the message when its body passed the limit while being read. */
    public static final String TOO_LARGE = RequestSizeLimit.class.getName() + ".tooLarge";

    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        super(Phase.RECEIVE);
        addBefore(HttpAuthentication.class.getName());
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream body = message.getContent(InputStream.class);
        if (body == null) {
            return;
        }
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request != null && request.getContentLengthLong() > maxBytes) {
            HttpRefusal.closing(message, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        message.setContent(InputStream.class, new Bounded(body, maxBytes, message));
    }

    /** Fails the read that passes the limit, and marks the message. */
    private static final class Bounded extends FilterInputStream {

        private final long maxBytes;
        private final Message message;
        private long read;

        Bounded(InputStream in, long maxBytes, Message message) {
            super(in);
            this.maxBytes = maxBytes;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                message.getExchange().put(TOO_LARGE, Boolean.TRUE);
                throw new IOException("the request body is longer than " + maxBytes + " bytes");
            }
        }
    }
}
