package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.umpin.testing.RawHttp;
import org.umpin.testing.SoapClient;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinExtension;
import org.umpin.testing.UmpinServer;

/**
 * Requests that HTTP itself refuses, sent raw: each gets 401, 405, 413 or 431 without a stack
 * trace, class name, path or server version, and a normal reset works right after each.
 * XML-level hostility is in {@link InvalidRequestTest}.
 */
class HostileRequestTest {

    @RegisterExtension
    static final UmpinExtension UMPIN = new UmpinExtension();

    UmpinServer umpin = UMPIN.server();

    @AfterEach
    void aNormalResetStillWorks() throws Exception {
        HttpResponse<String> response = umpin.resetPin("dominique", "demo");
        assertEquals(200, response.statusCode(), response.body());
        assertNull(response.headers().firstValue("Server").orElse(null), "no Server header on a reset either");
    }

    @Test
    void tenMegabyteBodyGets413() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        StoreView.StoredPin before = umpin.stored("alice");

        RawHttp.Response response = RawHttp.post(umpin.port(), RawHttp.basic("alice", "demo"), body);

        assertEquals(413, response.status(), response.all());
        RawHttp.assertNothingLeaks(response);
        assertEquals(before, umpin.stored("alice"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100,000 nested elements", "100,000 body children"})
    void hugeDocumentsGet413BeforeAnyParsing(String kind) throws Exception {
        String request = kind.contains("nested")
                ? SoapClient.resetPinRequest().replace("<soap:Body>", "<soap:Header>" + "<a>".repeat(100_000)
                        + "</a>".repeat(100_000) + "</soap:Header><soap:Body>")
                : SoapClient.resetPinRequest().replace("</soap:Body>", "<a/>".repeat(100_000) + "</soap:Body>");
        StoreView.StoredPin before = umpin.stored("alice");

        RawHttp.Response response = RawHttp.post(umpin.port(), RawHttp.basic("alice", "demo"), request.getBytes(StandardCharsets.UTF_8));

        assertEquals(413, response.status(), response.all());
        RawHttp.assertNothingLeaks(response);
        assertEquals(before, umpin.stored("alice"));
    }

    @Test
    void bodyLongerThanTheLimitWithoutContentLengthIsRefused() throws Exception {
        String big = SoapClient.resetPinRequest().replace("<soap:Body>", "<soap:Header>" + ("<x>" + "a".repeat(10_000) + "</x>").repeat(20) + "</soap:Header><soap:Body>");
        byte[] chunk = big.getBytes(StandardCharsets.UTF_8);
        String head = "POST /EWS/UM2007Legacy.asmx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "SOAPAction: \"" + SoapClient.SOAP_ACTION + "\"\r\n" + RawHttp.basic("alice", "demo").strip()
                + "\r\nTransfer-Encoding: chunked";
        byte[] body = (Integer.toHexString(chunk.length) + "\r\n" + big + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);

        StoreView.StoredPin before = umpin.stored("alice");

        RawHttp.Response response = RawHttp.send(umpin.port(), head, body);

        assertEquals(413, response.status(), response.all());
        RawHttp.assertNothingLeaks(response);
        assertEquals(before, umpin.stored("alice"));
    }

    @Test
    void hundredKilobyteHeaderSectionGets431() throws Exception {
        String headers = RawHttp.basic("alice", "demo") + "X-Padding: " + "a".repeat(100 * 1024) + "\r\n";

        RawHttp.Response response = RawHttp.post(umpin.port(), headers, SoapClient.resetPinRequest().getBytes(StandardCharsets.UTF_8));

        assertEquals(431, response.status(), response.headers());
        RawHttp.assertNothingLeaks(response);
    }

    @Test
    void tenKilobyteUserNameGets401() throws Exception {
        assertRefusedCredentials(RawHttp.basic("a".repeat(10 * 1024), "demo"));
    }

    @Test
    void malformedBase64Gets401() throws Exception {
        assertRefusedCredentials("Authorization: Basic %%%not-base64%%%\r\n");
    }

    @Test
    void base64WithoutAColonGets401() throws Exception {
        assertRefusedCredentials("Authorization: Basic " + Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8)) + "\r\n");
    }

    @Test
    void nonAsciiCredentialsGet401() throws Exception {
        assertRefusedCredentials(RawHttp.basic("álice", "dèmo"));
    }

    @Test
    void rawNonAsciiBytesInTheHeaderGet401() throws Exception {
        assertRefusedCredentials("Authorization: Basic ålice:démo\r\n");
    }

    @Test
    void getWithoutWsdlQueryIsRefused() throws Exception {
        RawHttp.Response response = RawHttp.send(umpin.port(), "GET /EWS/UM2007Legacy.asmx HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);

        assertTrue(response.status() >= 400 && response.status() < 500 || response.status() == 500, response.all());
        assertFalse(response.status() == 200, response.all());
        RawHttp.assertNothingLeaks(response);
    }

    @Test
    void putIsRefused() throws Exception {
        byte[] body = SoapClient.resetPinRequest().getBytes(StandardCharsets.UTF_8);
        StoreView.StoredPin before = umpin.stored("alice");
        RawHttp.Response response = RawHttp.send(umpin.port(), "PUT /EWS/UM2007Legacy.asmx HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/xml\r\n" + RawHttp.basic("alice", "demo").strip() + "\r\nContent-Length: " + body.length, body);

        assertFalse(response.status() == 200, response.all());
        RawHttp.assertNothingLeaks(response);
        assertEquals(before, umpin.stored("alice"));
    }

    @Test
    void unknownPathGets404NamingNoServer() throws Exception {
        RawHttp.Response response = RawHttp.send(umpin.port(), "GET /EWS/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);

        assertTrue(response.status() == 404 || response.status() == 400, response.all());
        RawHttp.assertNothingLeaks(response);
    }

    @Test
    void wsdlIsServedWithoutServerHeader() throws Exception {
        RawHttp.Response response = RawHttp.send(umpin.port(), "GET /EWS/UM2007Legacy.asmx?wsdl HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);

        assertEquals(200, response.status());
        RawHttp.assertNothingLeaks(response);
    }

    /** TRACE would echo the request's headers (a cookie, credentials) back: 405 on every path of both ports, served or not. */
    @Test
    void traceIsRefusedEverywhereAndEchoesNothing() throws Exception {
        int management = umpin.management().port();
        for (int port : List.of(umpin.port(), management)) {
            for (String path : List.of("/", "/EWS/", "/EWS/UM2007Legacy.asmx", "/pin/", "/pin/v1/logon", "/voicemail/",
                    "/no/such/path", "/observe/metrics")) {
                for (String method : List.of("TRACE", "TRACK")) {
                    RawHttp.Response response = RawHttp.send(port, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "X-Secret: echo-me\r\n" + RawHttp.basic("alice", "demo").strip(), new byte[0]);
                    assertEquals(405, response.status(), method + " " + path + " on " + port + ": " + response.all());
                    assertFalse(response.all().contains("echo-me"), response.all());
                    assertFalse(response.all().contains("message/http"), response.all());
                    RawHttp.assertNothingLeaks(response);
                }
            }
        }
    }

    /** The WSDL's soap:address is not the client's Host header, and no cache in between keeps it for others. */
    @Test
    void theWsdlsAddressIgnoresTheHostHeader() throws Exception {
        RawHttp.Response response = RawHttp.send(umpin.port(), "GET /EWS/UM2007Legacy.asmx?wsdl HTTP/1.1\r\nHost: evil.example",
                new byte[0]);

        assertEquals(200, response.status());
        assertFalse(response.body().contains("evil.example"), response.body());
        assertTrue(response.body().contains("location=\"http://127.0.0.1:" + umpin.port() + "/EWS/UM2007Legacy.asmx\""),
                "the address the connection reached");
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    private void assertRefusedCredentials(String authorization) throws Exception {
        StoreView.StoredPin before = umpin.stored("alice");
        RawHttp.Response response = RawHttp.post(umpin.port(), authorization,
                SoapClient.resetPinRequest().getBytes(StandardCharsets.UTF_8));

        assertEquals(401, response.status(), response.all());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic "), response.headers());
        RawHttp.assertNothingLeaks(response);
        assertEquals(before, umpin.stored("alice"));
    }

}
