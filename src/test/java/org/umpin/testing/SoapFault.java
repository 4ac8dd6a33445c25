package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SOAP 1.1 fault as read off the wire: the fault code resolved to its namespace, the
 * fault string with its xml:lang, and the detail's children by {namespace}localName.
 */
public record SoapFault(String codeNamespace, String code, String faultString, String lang, Map<String, String> detail) {

    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static final String ERRORS = "http://schemas.microsoft.com/exchange/services/2006/errors";
    public static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";

    /** The response is an HTTP 500 SOAP fault whose code is {@code a:<code>} with an en-US fault string. */
    public static SoapFault expect(HttpResponse<String> response, String code) throws Exception {
        assertEquals(500, response.statusCode(), response.body());
        SoapFault fault = parse(response.body());
        assertEquals(TYPES, fault.codeNamespace(), response.body());
        assertEquals(code, fault.code(), response.body());
        assertEquals("en-US", fault.lang(), response.body());
        return fault;
    }

    /** An Exchange UM exception fault: {@code a:<type>} with {@code m:ExceptionType} naming it. */
    public static SoapFault expectException(HttpResponse<String> response, String type) throws Exception {
        SoapFault fault = expect(response, type);
        assertEquals(type, fault.detail(MESSAGES, "ExceptionType"), response.body());
        return fault;
    }

    public static SoapFault parse(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        Element fault = (Element) doc.getElementsByTagNameNS(SOAP_ENV, "Fault").item(0);
        if (fault == null) {
            throw new AssertionError("no soap:Fault in " + body);
        }
        Element faultCode = child(fault, "faultcode");
        String qname = faultCode.getTextContent().strip();
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? null : qname.substring(0, colon);
        Element faultString = child(fault, "faultstring");
        Map<String, String> detail = new LinkedHashMap<>();
        Element detailElement = child(fault, "detail");
        if (detailElement != null) {
            for (Node n = detailElement.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    detail.put("{" + e.getNamespaceURI() + "}" + e.getLocalName(), e.getTextContent());
                }
            }
        }
        return new SoapFault(faultCode.lookupNamespaceURI(prefix), qname.substring(colon + 1),
                faultString.getTextContent(), faultString.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"),
                detail);
    }

    public String detail(String namespace, String localName) {
        return detail.get("{" + namespace + "}" + localName);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
