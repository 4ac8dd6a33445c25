package org.umpin.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.UmpinServer;

/** The management port as umpin serves it (ManagementPort, ObserveApi): one HTTP stack, Jetty's, as for SOAP. */
class ManagementPortTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpRequest.Builder at(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theScrapeSpeaksPrometheusTextOrOpenMetricsAndNothingElseIsServed() throws Exception {
        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort())) {
            int port = umpin.management().port();
            HttpResponse<String> text = send(at(port, "/observe/metrics"));
            assertEquals(200, text.statusCode());
            assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), text.headers().toString());
            assertTrue(text.headers().firstValue("Content-Type").orElse("").contains("version=0.0.4"), text.headers().toString());
            assertTrue(text.body().contains("umpin_resets_total"), "umpin's meters");

            HttpResponse<String> open = send(at(port, "/observe/metrics").header("Accept", "application/openmetrics-text"));
            assertEquals(200, open.statusCode());
            assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
            assertTrue(open.body().strip().endsWith("# EOF"), "OpenMetrics ends with # EOF");

            HttpResponse<String> health = send(at(port, "/observe/health"));
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\"}", health.body());
            assertEquals("no-store", health.headers().firstValue("Cache-Control").orElse(""), "a probe never reads a cached answer");

            assertEquals(405, send(at(port, "/observe/health").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
            assertEquals(404, send(at(port, "/observe/nothing")).statusCode());
            assertEquals(404, send(at(port, "/EWS/UM2007Legacy.asmx")).statusCode(), "SOAP is on its own port only");
        }
    }

    @Test
    void noVertxOrNettyThreadRuns() throws Exception {
        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort())) {
            assertEquals(200, umpin.management().get("/observe/health/ready").statusCode());
            List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("vert.x") || name.startsWith("vertx") || name.contains("netty")).toList();
            assertEquals(List.of(), threads, "a second HTTP stack costs 900 classes and its threads (docs/performance.md#memory)");
        }
    }

    @Test
    void turnedOffThereIsNoPortAndSoapStillServes() throws Exception {
        int port = UmpinServer.freePort();
        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("umpin.management.enabled", "false", "umpin.management.port", Integer.toString(port)))) {
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        }
    }

    @Test
    void camelMainsOwnManagementServerIsRefusedWithTheReason() {
        Exception e = assertThrows(Exception.class, () -> UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("camel.management.enabled", "true")).close());
        Throwable cause = e;
        while (cause.getCause() != null && !cause.getMessage().contains("camel.management.enabled")) {
            cause = cause.getCause();
        }
        assertEquals("setting camel.management.enabled: umpin serves /observe itself; remove the setting"
                + " (umpin.management.enabled turns the management port on and off)", cause.getMessage());
    }
}
