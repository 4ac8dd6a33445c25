package org.umpin.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.Management;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/**
 * What an operator sees of a reset: the counters and timers it moves on /observe/metrics, its
 * audit row in the store, its one log line, and readiness following the SMTP relay.
 */
class OperationsTest {

    private static final String SUCCESS = "umpin_resets_total{fault_code=\"none\",outcome=\"success\"}";
    private static final Pattern LOGGED = Pattern.compile(
            "(ResetPIN success|ResetPIN fault \\w+|Login failed) for mailbox (\\w+) \\(login (\\S+)\\) from 127\\.0\\.0\\.1 in \\d+ ms, correlation id ([0-9a-f-]{36})");

    private ScriptedSmtpServer smtp;
    private UmpinServer umpin;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        umpin = UmpinServer.start(smtp.port(), Map.of("umpin.mail.retries", "0"));
    }

    @AfterEach
    void stop() {
        umpin.close();
        smtp.close();
    }

    private static String faults(String code) {
        return "umpin_resets_total{fault_code=\"" + code + "\",outcome=\"fault\"}";
    }

    @Test
    void aResetAndEachFaultMoveTheirOwnCounters() throws Exception {
        Management management = umpin.management();
        Map<String, Double> before = samples(management);

        assertEquals(200, umpin.resetPin("CONTOSO\\alice", "demo").statusCode());
        smtp.script(Fault.PERMANENT);
        SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");
        SoapFault.expectException(umpin.resetPin("bob", "demo"), "UserNotUmEnabledException");
        SoapFault.expect(umpin.post(Files.readString(Path.of("requests/reset-pin-invalid.xml"), StandardCharsets.UTF_8),
                "alice", "demo", Map.of()), "ErrorInvalidRequest");
        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());

        Map<String, Double> after = samples(management);
        Map<String, Double> moved = new HashMap<>();
        after.forEach((series, value) -> {
            if (value - before.getOrDefault(series, 0.0) != 0) {
                moved.put(series, value - before.getOrDefault(series, 0.0));
            }
        });
        assertEquals(Map.ofEntries(
                Map.entry(SUCCESS, 1.0),
                Map.entry(faults("ResetPINException"), 1.0),
                Map.entry(faults("UserNotUmEnabledException"), 1.0),
                Map.entry(faults("ErrorInvalidRequest"), 1.0),
                Map.entry("umpin_reset_duration_seconds_count{outcome=\"success\"}", 1.0),
                Map.entry("umpin_reset_duration_seconds_count{outcome=\"fault\"}", 3.0),
                Map.entry("umpin_smtp_send_duration_seconds_count{result=\"accepted\"}", 1.0),
                Map.entry("umpin_smtp_send_duration_seconds_count{result=\"failed\"}", 1.0),
                // bob is refused before his mailbox is locked; only the mailed PIN is committed
                Map.entry("umpin_store_duration_seconds_count{operation=\"lock\"}", 2.0),
                Map.entry("umpin_store_duration_seconds_count{operation=\"intent\"}", 2.0),
                Map.entry("umpin_store_duration_seconds_count{operation=\"write\"}", 2.0),
                Map.entry("umpin_store_duration_seconds_count{operation=\"commit\"}", 1.0),
                Map.entry("umpin_http_refusals_total{status=\"401\"}", 1.0)), moved,
                "the 401 is no reset attempt: it moves only the refusals");
        assertEquals(0.0, after.get(faults("ErrorInternalServerError")), "every fault code is there from the start");

        String scrape = management.metrics();
        for (String others : List.of("umpin_reset_duration_seconds_bucket{outcome=\"success\",le=\"0.5\"}",
                "camel_exchanges_total", "jvm_memory_used_bytes", "process_cpu_usage")) {
            assertTrue(scrape.contains(others), others + " is scraped too");
        }
        // the port asks for no login here: it names no endpoint (the relay's host and port) and no version
        assertTrue(scrape.contains("endpointName=\"smtp\""), "the relay's meters, by its component's name");
        for (String secret : List.of("smtp://", ":" + smtp.port(), "cxf://", "direct://", "jvm_info", "app_info",
                System.getProperty("java.runtime.version"), "4.18.0")) {
            assertFalse(scrape.contains(secret), secret + " in the scrape");
        }
    }

    /** The counts of umpin's counters and timers, by series. */
    private static Map<String, Double> samples(Management management) throws Exception {
        Map<String, Double> samples = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(umpin_(?:resets_total|http_refusals_total|[a-z_]+_seconds_count)\\{[^}]*\\}) (\\S+)$")
                .matcher(management.metrics());
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    @Test
    void everyAttemptIsAuditedAndLoggedOnceWithItsCorrelationIdAndNoPin() throws Exception {
        List<String> lines;
        try (CapturedLog log = CapturedLog.attach()) {
            assertEquals(200, umpin.resetPin("CONTOSO\\alice", "demo").statusCode());
            smtp.script(Fault.PERMANENT);
            SoapFault.expectException(umpin.resetPin("alice@contoso.example", "demo"), "ResetPINException");
            assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
            lines = log.lines();
        }
        String pin = PinMail.of(smtp.accepted().get(0)).pin();

        List<Map<String, String>> rows = umpin.view().audit("alice");
        assertEquals(3, rows.size(), "one row per attempt, the failed login included: " + rows);
        Map<String, String> success = rows.get(0);
        Map<String, String> fault = rows.get(1);
        Map<String, String> failedLogin = rows.get(2);
        assertEquals("login_failed", failedLogin.get("outcome"));
        assertEquals("alice", failedLogin.get("login"));
        assertEquals(null, failedLogin.get("fault_code"));
        assertEquals("success", success.get("outcome"));
        assertEquals(null, success.get("fault_code"));
        assertEquals("CONTOSO\\alice", success.get("login"), "the login as the caller typed it");
        assertEquals("127.0.0.1", success.get("client_address"));
        assertEquals("fault", fault.get("outcome"));
        assertEquals("ResetPINException", fault.get("fault_code"));
        assertEquals("alice@contoso.example", fault.get("login"));
        assertNotEquals(success.get("correlation_id"), fault.get("correlation_id"));
        for (Map<String, String> row : rows) {
            row.values().forEach(value -> assertFalse(value != null && value.contains(pin), "a PIN in the audit: " + row));
        }

        List<Matcher> logged = lines.stream().map(LOGGED::matcher).filter(Matcher::find).toList();
        assertEquals(3, logged.size(), "one line per attempt: " + lines);
        assertEquals(List.of("ResetPIN success", "ResetPIN fault ResetPINException", "Login failed"), logged.stream().map(m -> m.group(1)).toList());
        assertEquals(List.of(success.get("correlation_id"), fault.get("correlation_id"), failedLogin.get("correlation_id")),
                logged.stream().map(m -> m.group(4)).toList(), "the log and the audit share the correlation id");
        assertTrue(lines.stream().anyMatch(line -> line.contains(fault.get("correlation_id")) && line.contains("554")),
                "the fault's line says why");
        lines.forEach(line -> assertFalse(line.contains(pin), "a PIN in the log: " + line));
    }

    /** The reset's connection is back in the pool before its audit row is written: one connection is enough. */
    @Test
    void theAuditRowNeedsNoSecondConnection() throws Exception {
        try (UmpinServer single = UmpinServer.start(smtp.port(), Map.of("umpin.db.pool-size", "1",
                "umpin.db.connection-timeout-ms", "1000"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, single.resetPin("alice", "demo").statusCode());
            }
            assertEquals(3, single.view().audit("alice").size());
        }
    }

    @Test
    void readinessIsDownWhileTheSmtpRelayIsUnreachableAndLivenessStaysUp() throws Exception {
        Management management = umpin.management();
        assertEquals(200, management.get("/observe/health/ready").statusCode());

        smtp.refuse();
        HttpResponse<String> down = management.get("/observe/health/ready?exposureLevel=full");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("smtp-relay") && down.body().contains("DOWN"), down.body());
        assertEquals(200, management.get("/observe/health/live").statusCode(), "a lost relay is no reason to restart");

        smtp.listen();
        assertEquals(200, management.get("/observe/health/ready").statusCode(), "UP again once the relay is back");
    }

    @Test
    void readinessProbesTheRelayAtMostOncePerCacheTime() throws Exception {
        try (UmpinServer cached = UmpinServer.start(smtp.port(), Map.of("umpin.health.cache-ms", "600000"))) {
            assertEquals(200, cached.management().get("/observe/health/ready").statusCode());
            int connections = smtp.connections();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, cached.management().get("/observe/health/ready").statusCode());
            }
            assertEquals(connections, smtp.connections(), "the cached answer, not a new SMTP connection");
            smtp.refuse();
            assertEquals(200, cached.management().get("/observe/health/ready").statusCode(),
                    "the relay's loss shows only when the cached answer expires");
        }
    }
}
