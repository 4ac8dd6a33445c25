package org.umpin.soap;

import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;

/**
 * Hands the SOAP headers {@link Impersonation} reads to the route, as CXF read them: the
 * endpoint's header filter keeps every header from Camel's message. It also declares them
 * understood, so that a client marking them {@code mustUnderstand} is served.
 */
public final class ImpersonationHeaders extends AbstractSoapInterceptor {

    /** On the CXF exchange: the request's impersonation headers, as DOM elements. */
    static final String KEY = "umpin.impersonationHeaders";
    private static final Set<QName> UNDERSTOOD = Set.of(Impersonation.EXCHANGE_IMPERSONATION, Impersonation.NOTIFY_EMAIL);

    public ImpersonationHeaders() {
        super(Phase.USER_PROTOCOL);
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return UNDERSTOOD;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        List<Element> headers = message.getHeaders().stream().filter(h -> UNDERSTOOD.contains(h.getName()))
                .map(Header::getObject).filter(Element.class::isInstance).map(Element.class::cast).toList();
        message.getExchange().put(KEY, headers);
    }
}
