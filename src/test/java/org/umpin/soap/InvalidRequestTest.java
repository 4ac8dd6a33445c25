package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinExtension;
import org.umpin.testing.UmpinServer;

/** Every malformed request gets the protocol's a:ErrorInvalidRequest fault, changes nothing and sends nothing. */
class InvalidRequestTest {

    @RegisterExtension
    static final UmpinExtension UMPIN = new UmpinExtension();
    static final GreenMailExtension SMTP = UMPIN.smtp();

    UmpinServer umpin = UMPIN.server();

    static final String ENVELOPE = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>%s</soap:Body></soap:Envelope>";
    static final String M = "xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"";
    static final String ACTION = SoapClient.SOAP_ACTION;

    static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
            + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
            + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
            + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header><x>&lol9;</x></soap:Header>"
            + "<soap:Body><ResetPIN xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/></soap:Body></soap:Envelope>";

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("not XML", "hello", ACTION),
                Arguments.of("not well-formed", ENVELOPE.formatted("<ResetPIN " + M + ">"), ACTION),
                Arguments.of("wrong element", ENVELOPE.formatted("<ResetPin " + M + "/>"), ACTION),
                Arguments.of("wrong namespace", ENVELOPE.formatted("<ResetPIN xmlns=\"urn:other\"/>"), ACTION),
                Arguments.of("https namespace", ENVELOPE.formatted(
                        "<ResetPIN xmlns=\"https://schemas.microsoft.com/exchange/services/2006/messages\"/>"), ACTION),
                Arguments.of("child element", ENVELOPE.formatted("<ResetPIN " + M + "><Mailbox>bob</Mailbox></ResetPIN>"), ACTION),
                Arguments.of("text content", ENVELOPE.formatted("<ResetPIN " + M + ">bob</ResetPIN>"), ACTION),
                Arguments.of("attribute", ENVELOPE.formatted("<ResetPIN " + M + " Mailbox=\"bob\"/>"), ACTION),
                Arguments.of("two body elements", ENVELOPE.formatted("<ResetPIN " + M + "/><ResetPIN " + M + "/>"), ACTION),
                Arguments.of("second body element after white space", ENVELOPE.formatted(
                        "<ResetPIN " + M + "/>\n  <Mailbox " + M + ">bob</Mailbox>"), ACTION),
                Arguments.of("empty body", ENVELOPE.formatted(""), ACTION),
                Arguments.of("unknown operation", ENVELOPE.formatted("<GetPinHint " + M + "/>"),
                        "http://schemas.microsoft.com/exchange/services/2006/messages/GetPinHint"),
                Arguments.of("mismatched SOAPAction", ENVELOPE.formatted("<ResetPIN " + M + "/>"),
                        "http://schemas.microsoft.com/exchange/services/2006/messages/GetUMPin"),
                Arguments.of("SOAP 1.2 envelope", "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
                        + "<soap:Body><ResetPIN " + M + "/></soap:Body></soap:Envelope>", ACTION),
                Arguments.of("no envelope", "<ResetPIN " + M + "/>", ACTION),
                Arguments.of("external entity", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + ENVELOPE.formatted("<ResetPIN " + M + ">&e;</ResetPIN>"), ACTION),
                Arguments.of("truncated", ENVELOPE.formatted("<ResetPIN " + M + "/>").substring(0, 90), ACTION),
                Arguments.of("DTD", "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope>" + ENVELOPE.formatted("<ResetPIN " + M + "/>"), ACTION),
                Arguments.of("entity expansion (billion laughs)", BILLION_LAUGHS, ACTION),
                Arguments.of("1,000 nested elements", ENVELOPE.formatted("<ResetPIN " + M + "/>")
                        .replace("<soap:Body>", "<soap:Header>" + "<a>".repeat(1000) + "</a>".repeat(1000) + "</soap:Header><soap:Body>"), ACTION),
                Arguments.of("5,000 body children", ENVELOPE.formatted("<ResetPIN " + M + "/>" + "<a/>".repeat(5000)), ACTION),
                Arguments.of("5,000 header children", ENVELOPE.formatted("<ResetPIN " + M + "/>")
                        .replace("<soap:Body>", "<soap:Header>" + "<a/>".repeat(5000) + "</soap:Header><soap:Body>"), ACTION),
                Arguments.of("missing namespace", ENVELOPE.formatted("<ResetPIN/>"), ACTION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestGetsErrorInvalidRequest(String kind, String body, String soapAction) throws Exception {
        HttpResponse<String> response = umpin.post(body, "alice", "demo", Map.of("SOAPAction", "\"" + soapAction + "\""));

        assertInvalidRequest(response);
        assertEquals(0, SMTP.getReceivedMessages().length, "no mail for an invalid request");
        assertTrue(umpin.pinState("alice").isEmpty(), "no PIN change for an invalid request");
    }

    /** SOAP 1.1: an empty SOAPAction means "the request URI says it"; only a different action is refused. */
    @Test
    void emptySoapActionIsAccepted() throws Exception {
        HttpResponse<String> response = umpin.post(SoapClient.resetPinRequest(), "erin", "demo", Map.of("SOAPAction", "\"\""));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(umpin.pinState("erin").isPresent());
    }

    @Test
    void wrongContentTypeGetsErrorInvalidRequest() throws Exception {
        HttpResponse<String> response = umpin.post(SoapClient.resetPinRequest(), "alice", "demo",
                Map.of("Content-Type", "application/json"));

        assertInvalidRequest(response);
    }

    @Test
    void serviceStaysUpAfterHostileRequests() throws Exception {
        malformedRequests().forEach(args -> {
            try {
                umpin.post((String) args.get()[1], "dominique", "demo", Map.of());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertEquals(200, umpin.resetPin("dominique", "demo").statusCode());
        assertTrue(umpin.pinState("dominique").isPresent());
    }

    static void assertInvalidRequest(HttpResponse<String> response) throws Exception {
        SoapFault fault = SoapFault.expect(response, "ErrorInvalidRequest");
        assertEquals("The request is invalid.", fault.faultString());
        assertEquals("ErrorInvalidRequest", fault.detail(SoapFault.ERRORS, "ResponseCode"));
        assertFalse(fault.detail(SoapFault.ERRORS, "Message").isBlank());
        assertFalse(response.body().contains("passwd") || response.body().contains("org.apache")
                || response.body().contains("Exception"), response.body());
    }
}
