package org.umpin.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.UmpinServer;

/** umpin.audit.retention-days: a start deletes the audit rows older than that, and only those. */
class AuditRetentionTest {

    @Test
    void aStartDeletesTheRowsOlderThanTheRetention() throws Exception {
        String dbUrl = "jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
            try (UmpinServer first = UmpinServer.start(smtp.port(), Map.of("umpin.db.url", dbUrl))) {
                insertRowsAged(first, 31, 29, 1);
                assertEquals(3, first.view().audit("alice").size());
            }
            try (UmpinServer second = UmpinServer.start(smtp.port(), Map.of("umpin.db.url", dbUrl,
                    "umpin.audit.retention-days", "30"))) {
                assertEquals(List.of("old-29", "old-1"),
                        second.view().audit("alice").stream().map(row -> row.get("correlation_id")).toList());
                insertRowsAged(second, 5000);
            }
            try (UmpinServer forever = UmpinServer.start(smtp.port(), Map.of("umpin.db.url", dbUrl,
                    "umpin.audit.retention-days", "0"))) {
                assertEquals(3, forever.view().audit("alice").size(), "0 keeps every row, the 5,000 days old one too");
            }
        }
    }

    private static void insertRowsAged(UmpinServer umpin, int... days) throws Exception {
        try (Connection c = umpin.store(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (attempted_at, login, mailbox, client_address, outcome, fault_code,"
                        + " correlation_id, duration_ms) VALUES (?, 'alice', 'alice', '10.0.0.1', 'success', NULL, ?, 12)")) {
            for (int age : days) {
                s.setObject(1, Instant.now().minus(age, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
                s.setString(2, "old-" + age);
                s.executeUpdate();
            }
        }
    }
}
