package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/** A broken store is nobody's request error: a:ErrorInternalServerError, a correlation id shared with the log, nothing internal. */
class InternalErrorTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @ParameterizedTest(name = "drop {0}")
    @ValueSource(strings = {"pin_history", "mailbox CASCADE"})
    void brokenStoreGetsErrorInternalServerError(String table) throws Exception {
        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort())) {
            Reply reply = resetWithout(umpin, table);
            HttpResponse<String> response = reply.response();
            List<String> log = reply.log();

            SoapFault fault = SoapFault.expect(response, "ErrorInternalServerError");
            assertEquals("ErrorInternalServerError", fault.detail(SoapFault.ERRORS, "ResponseCode"));
            String correlationId = fault.detail(SoapFault.ERRORS, "MessageXml").strip();
            assertTrue(correlationId.matches("[0-9a-f-]{36}"), response.body());
            assertTrue(log.stream().anyMatch(line -> line.contains(correlationId) && line.contains("SQL")),
                    "the log holds the correlation id and the cause");
            List<Map<String, String>> audit = umpin.view().audit("alice");
            if (table.startsWith("mailbox")) {
                // the caller could not be authenticated: no reset attempt, the log line is the record
                assertEquals(List.of(), audit);
            } else {
                assertEquals(1, audit.size(), audit.toString());
                assertEquals("ErrorInternalServerError", audit.get(0).get("fault_code"));
                assertEquals(correlationId, audit.get(0).get("correlation_id"), "the audit, the log and the fault share it");
            }
            for (String internal : List.of("SQL", "org.", "Exception:", "PIN_HISTORY", "MAILBOX", "jdbc", "127.0.0.1", "\tat ")) {
                assertFalse(response.body().contains(internal), internal + " in " + response.body());
            }
            assertEquals(0, SMTP.getReceivedMessages().length);
        }
    }

    record Reply(HttpResponse<String> response, List<String> log) {
    }

    /** Drops a table of the service's store, then resets alice's PIN and keeps every log line written meanwhile. */
    private static Reply resetWithout(UmpinServer umpin, String table) throws Exception {
        try (Connection c = umpin.store(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
        try (CapturedLog captured = CapturedLog.attach()) {
            HttpResponse<String> response = umpin.resetPin("alice", "demo");
            return new Reply(response, captured.lines());
        }
    }
}
