package org.umpin.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Spring Boot application serves ResetPIN over real HTTP, mails the PIN to a real SMTP server, and runs its own route. */
@SpringBootTest
class HelpDeskApplicationTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    static final int SOAP_PORT = freePort();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("umpin.soap.host", () -> "127.0.0.1");
        registry.add("umpin.soap.port", () -> SOAP_PORT);
        registry.add("umpin.db.url", () -> "jdbc:h2:mem:help-desk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("umpin.mail.embedded", () -> "false");
        registry.add("umpin.mail.host", () -> "127.0.0.1");
        registry.add("umpin.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("umpin.hash.iterations", () -> "10000");
    }

    @Autowired
    ProducerTemplate producer;

    @Test
    void resetPinAndTheApplicationsOwnRoute() throws Exception {
        String request = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<ResetPIN xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/></soap:Body></soap:Envelope>";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SOAP_PORT + "/EWS/UM2007Legacy.asmx"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN\"")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("CONTOSO\\alice:demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("ResetPINResponse"), response.body());
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(1, mails.length);
        assertEquals("alice@contoso.example", mails[0].getAllRecipients()[0].toString());
        assertEquals("ticket for alice", producer.requestBody("direct:ticket", "alice"));

        // the sibling operations of UM2007Legacy.asmx are served too
        HttpResponse<String> enabled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SOAP_PORT + "/EWS/UM2007Legacy.asmx"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/IsUMEnabled\"")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("CONTOSO\\alice:demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(request.replace("ResetPIN", "IsUMEnabled"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertTrue(enabled.body().contains("<IsUMEnabledResponse>true</IsUMEnabledResponse>"), enabled.body());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
