package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapClient;
import org.umpin.testing.UmpinServer;

/**
 * umpin as a library in another application, without umpin's Main: a plain CamelContext and a
 * Camel Main application of the test's own, each with a route of its own beside ResetPIN.
 */
class EmbeddingTest {

    private ScriptedSmtpServer smtp;
    private int port;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        port = UmpinServer.freePort();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    /** An unrelated route of the embedding application. */
    private static RouteBuilder hello() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:hello").routeId("hello").setBody(simple("hello ${body}"));
            }
        };
    }

    @Test
    void inAPlainCamelContext() throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.putAll(UmpinServer.testSettings(smtp.port()));
        settings.put("umpin.soap.port", Integer.toString(port));
        settings.put("umpin.mail.templates", "classpath:umpin/templates");
        context.getPropertiesComponent().setOverrideProperties(settings);
        context.addRoutes(hello());

        UmpinConfiguration.addTo(context);
        context.start();
        try {
            assertResetWorks(new SoapClient(port));
            assertEquals("hello world", context.createProducerTemplate().requestBody("direct:hello", "world"));
        } finally {
            context.stop();
        }
    }

    @Test
    void inACamelMainApplicationWithItsOwnProperties() throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(UmpinConfiguration.class);
        main.configure().addRoutesBuilder(hello());
        main.setPropertyPlaceholderLocations("classpath:embedding/main-app.properties");
        // what a test cannot write in a file: free ports, its own database
        main.addOverrideProperty("umpin.soap.port", Integer.toString(port));
        main.addOverrideProperty("umpin.mail.port", Integer.toString(smtp.port()));
        main.addOverrideProperty("umpin.db.url", "jdbc:h2:mem:embedded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        main.start();
        try {
            HttpResponse<String> challenge = new SoapClient(port).resetPin(null, null);
            assertEquals(401, challenge.statusCode());
            assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("").contains("Embedding App"),
                    "the application's own umpin.auth.realm");
            assertResetWorks(new SoapClient(port));
            assertEquals("hello world", main.getCamelContext().createProducerTemplate().requestBody("direct:hello", "world"));
            // its own route and umpin's: um-legacy and its seven operations, new-pin, pin-mail, the telephony API's four,
            // the voice mail page's three (reset, PIN change, a setting), the administrator's four (unlock, lock,
            // reset, set), and the scheduled mails' timers and scans (expiry warnings, corrections)
            assertEquals(1 + 25, main.getCamelContext().getRoutes().size(), "its own route and umpin's: "
                    + main.getCamelContext().getRoutes());
        } finally {
            main.stop();
        }
    }

    private void assertResetWorks(SoapClient client) throws Exception {
        HttpResponse<String> response = client.resetPin("CONTOSO\\alice", "demo");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, smtp.accepted().size());
        assertTrue(PinMail.of(smtp.accepted().get(0)).pin().length() >= 6, "the mail from the jar's templates");
        // the sibling operations are served too
        assertEquals("false", SoapClient.values(client.operation("GetUMProperties", "", "alice", "demo")).get(0));
    }
}
