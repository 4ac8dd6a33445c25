package org.umpin.soap;

import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * What CXF lets through in PAYLOAD mode and the protocol refuses: a content type other than
 * SOAP 1.1's {@code text/xml}, and a body with more elements after {@code <m:ResetPIN/>}
 * (CXF reads the one part the WSDL names and stops). The fault it raises becomes
 * {@code a:ErrorInvalidRequest} in {@link InvalidRequestFaults}.
 */
public final class SoapRequestGuard extends AbstractPhaseInterceptor<Message> {

    public SoapRequestGuard() {
        // after CXF read the body part, before it drops the XML reader
        super(Phase.POST_UNMARSHAL);
    }

    @Override
    public void handleMessage(Message message) {
        Object contentType = message.get(Message.CONTENT_TYPE);
        if (contentType == null || !contentType.toString().toLowerCase(Locale.ROOT).startsWith("text/xml")) {
            throw new Fault(new IllegalArgumentException("content type " + contentType + " is not SOAP 1.1's text/xml"));
        }
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        try {
            int event = reader.getEventType();
            while (event != XMLStreamConstants.END_DOCUMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    throw new Fault(new IllegalArgumentException("more than one element in the SOAP body"));
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return; // the end of soap:Body
                }
                event = reader.next();
            }
        } catch (XMLStreamException e) {
            throw new Fault(e);
        }
    }
}
