package org.umpin.soap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * The address the served WSDL's {@code soap:address} names: {@code umpin.soap.public-url} when
 * set (what clients reach through a reverse proxy), else the address and port the client's
 * connection reached, never the request's {@code Host} header, which is the client's own word
 * (CXF would write {@code Host: evil.example} into the WSDL, and a cache in between would serve
 * it to others). The WSDL is answered {@code Cache-Control: no-cache}.
 */
public final class WsdlAddress extends AbstractPhaseInterceptor<Message> {

    private final Optional<String> publicUrl;

    public WsdlAddress(Optional<String> publicUrl) {
        super(Phase.RECEIVE);
        this.publicUrl = publicUrl;
    }

    @Override
    public void handleMessage(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        if (request == null || !"GET".equals(request.getMethod()) || request.getQueryString() == null) {
            return;
        }
        message.put(WSDLGetUtils.PUBLISHED_ENDPOINT_URL, publicUrl.orElseGet(() -> reached(request)));
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        if (response != null) {
            response.setHeader("Cache-Control", "no-cache");
        }
    }

    /** The endpoint at the local address and port the connection came to. */
    private static String reached(HttpServletRequest request) {
        String host = request.getLocalAddr();
        try {
            if (InetAddress.getByName(host) instanceof Inet6Address) {
                host = "[" + host.replaceAll("%.*$", "") + "]";
            }
        } catch (java.net.UnknownHostException literalAlways) {
            // a literal address is never looked up
        }
        return (request.isSecure() ? "https" : "http") + "://" + host + ":" + request.getLocalPort() + request.getRequestURI();
    }
}
