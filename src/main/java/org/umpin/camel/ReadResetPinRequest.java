package org.umpin.camel;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The SOAP body must be exactly one empty {@code <m:ResetPIN/>}. CXF refuses unknown
 * elements; this refuses what CXF lets through in PAYLOAD mode: extra body elements,
 * children, text and attributes.
 */
public final class ReadResetPinRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        // for customised routes: the id the reset's log line and audit row carry
        exchange.setProperty(ResetPinExchange.CORRELATION_ID, ResetPinExchange.correlationId(exchange));
        CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.size() != 1) {
            throw new InvalidRequestException("the SOAP body holds " + body.size() + " elements, not one");
        }
        Element request = body.get(0);
        if (!Wsdl.MESSAGES_NS.equals(request.getNamespaceURI()) || !"ResetPIN".equals(request.getLocalName())) {
            throw new InvalidRequestException("the SOAP body is not ResetPIN");
        }
        for (Node child = request.getFirstChild(); child != null; child = child.getNextSibling()) {
            boolean blank = child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank();
            if (!blank && child.getNodeType() != Node.COMMENT_NODE) {
                throw new InvalidRequestException("ResetPIN has content");
            }
        }
        NamedNodeMap attributes = request.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (!"http://www.w3.org/2000/xmlns/".equals(attributes.item(i).getNamespaceURI())) {
                throw new InvalidRequestException("ResetPIN has attributes");
            }
        }
    }
}
