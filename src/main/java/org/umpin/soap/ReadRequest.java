package org.umpin.soap;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.umpin.steps.StepProperties;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The SOAP body must be exactly one {@code <m:Operation>} of the operation the route serves,
 * holding nothing (ResetPIN, IsUMEnabled, GetUMProperties) or exactly its one parameter, text
 * only (a Set operation's {@code <m:status>}, {@code <m:dialString>}...). CXF refuses unknown
 * operations and a SOAPAction that names another; this refuses what CXF lets through in PAYLOAD
 * mode: extra body elements, children, text and attributes. The parameter's text goes to the
 * exchange property {@value StepProperties#VALUE}.
 */
public final class ReadRequest implements Processor {

    private final String operation;
    /** The parameter's element name and its accepted spellings; empty for an operation without one. */
    private final List<String> parameter;

    private ReadRequest(String operation, List<String> parameter) {
        this.operation = operation;
        this.parameter = parameter;
    }

    /** An operation whose request element is empty. */
    public static ReadRequest of(String operation) {
        return new ReadRequest(operation, List.of());
    }

    /** An operation with one parameter, named {@code parameter} (or one of {@code spellings}). */
    public static ReadRequest of(String operation, String parameter, String... spellings) {
        List<String> names = new ArrayList<>(List.of(parameter));
        names.addAll(List.of(spellings));
        return new ReadRequest(operation, List.copyOf(names));
    }

    @Override
    public void process(Exchange exchange) {
        // for customised routes: the id the request's log line and audit row carry
        exchange.setProperty(StepProperties.CORRELATION_ID, StepProperties.correlationId(exchange));
        CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.size() != 1) {
            throw new InvalidRequestException("the SOAP body holds " + body.size() + " elements, not one");
        }
        Element request = body.get(0);
        if (!isMessage(request, List.of(operation))) {
            throw new InvalidRequestException("the SOAP body is not " + operation);
        }
        requireNoAttributes(request);
        Element value = null;
        for (Node child = request.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && value == null && isMessage(element, parameter)) {
                value = element;
            } else if (!isBlank(child)) {
                throw new InvalidRequestException(operation + " has content it does not take");
            }
        }
        if (!parameter.isEmpty()) {
            if (value == null) {
                throw new InvalidRequestException(operation + " has no " + parameter.get(0));
            }
            requireNoAttributes(value);
            StringBuilder text = new StringBuilder();
            for (Node child = value.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    text.append(child.getNodeValue());
                } else if (child.getNodeType() != Node.COMMENT_NODE) {
                    throw new InvalidRequestException(parameter.get(0) + " holds more than text");
                }
            }
            exchange.setProperty(StepProperties.VALUE, text.toString());
        }
    }

    private static boolean isMessage(Element element, List<String> names) {
        return Wsdl.MESSAGES_NS.equals(element.getNamespaceURI()) && names.contains(element.getLocalName());
    }

    private static boolean isBlank(Node node) {
        return node.getNodeType() == Node.COMMENT_NODE
                || node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank();
    }

    private static void requireNoAttributes(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (!"http://www.w3.org/2000/xmlns/".equals(attributes.item(i).getNamespaceURI())) {
                throw new InvalidRequestException(element.getLocalName() + " has attributes");
            }
        }
    }
}
