package org.umpin.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Works out once, first in each door's interceptors, who sent the request ({@link TrustedProxies}),
 * for the audit, the log, the failed-login bound and the plain-HTTP rule that come after it.
 */
public final class RequestClient extends AbstractPhaseInterceptor<Message> {

    private final TrustedProxies proxies;

    public RequestClient(TrustedProxies proxies) {
        super(Phase.RECEIVE);
        this.proxies = proxies;
    }

    @Override
    public void handleMessage(Message message) {
        message.getExchange().put(TrustedProxies.Client.class, resolve(message, proxies));
    }

    /** The request's client; the TCP peer when no {@code RequestClient} ran (no HTTP request: null address). */
    public static TrustedProxies.Client of(Message message) {
        TrustedProxies.Client client = message.getExchange().get(TrustedProxies.Client.class);
        return client != null ? client : resolve(message, TrustedProxies.NONE);
    }

    private static TrustedProxies.Client resolve(Message message, TrustedProxies proxies) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request == null) {
            return new TrustedProxies.Client(null, false);
        }
        return proxies.client(new TrustedProxies.Request(request.getRemoteAddr(), request.isSecure(),
                lines(request, proxies.header().headerName()), lines(request, "X-Forwarded-Proto")));
    }

    private static List<String> lines(HttpServletRequest request, String header) {
        return Collections.list(request.getHeaders(header));
    }
}
