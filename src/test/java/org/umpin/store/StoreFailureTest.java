package org.umpin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.pin.PendingPins;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.Management;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * The database goes away and comes back: the resets meanwhile get a fault and change nothing,
 * and the service serves again by itself, without a restart. The store is a real H2 server
 * over TCP that the test stops and starts.
 */
class StoreFailureTest {

    private final int dbPort;
    private final String dbName = "store-failure-" + UUID.randomUUID();
    private Server database;
    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private final MovableClock clock = new MovableClock();
    private UmpinServer umpin;
    private String oldPin;
    private StoreView.StoredPin before;

    StoreFailureTest() throws Exception {
        dbPort = UmpinServer.freePort();
    }

    @BeforeEach
    void startWithAPin() throws Exception {
        startDatabase();
        umpin = umpins.start(Map.of(
                "umpin.db.url", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/mem:" + dbName + ";DB_CLOSE_DELAY=-1",
                "umpin.db.connection-timeout-ms", "1000"), Map.of("umpinClock", clock));
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        oldPin = PinMail.of(smtp.accepted().get(0)).pin();
        before = umpin.stored("alice");
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    @Test
    void databaseDownGetsAFaultAndTheServiceRecoversWhenItIsBack() throws Exception {
        database.stop();

        HttpResponse<String> down = umpin.resetPin("alice", "demo");

        SoapFault.expect(down, "ErrorInternalServerError");
        assertEquals(1, smtp.accepted().size(), "no e-mail while the store is down");
        startDatabase();
        assertEquals(before, umpin.stored("alice"), "nothing changed");
        HttpResponse<String> back = umpin.resetPin("alice", "demo");
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(smtp.accepted().get(1)).pin()));
    }

    /** The telephony API alike: a problem, nothing counted, and logons again once the store is back. */
    @Test
    void databaseDownGetsAProblemFromTheTelephonyApiAndNothingIsCounted() throws Exception {
        TelephonyClient ivr = umpin.telephony("ivr", "demo");
        database.stop();

        TelephonyClient.Answer down = ivr.logon("36697", "000000");

        assertTrue(down.status() >= 500, down.status() + " " + down.body());
        assertEquals("store-unavailable", down.problem(), down.body());
        assertFalse(down.body().contains("jdbc") || down.body().contains(Integer.toString(dbPort)), down.body());
        startDatabase();
        assertEquals(before, umpin.stored("alice"), "nothing changed");
        assertEquals("ok", ivr.logon("36697", oldPin).text("result"), "served again without a restart");
    }

    /** A scan of the scheduled mails while the store is down: one WARN line, and the next scan works. */
    @Test
    void aScanWhileTheDatabaseIsDownWaitsForTheNext() throws Exception {
        database.stop();
        try (CapturedLog log = CapturedLog.attach()) {
            umpin.scan("expiry-warning");
            umpin.scan("pin-corrections");
            assertTrue(log.lines().stream().anyMatch(line -> line.startsWith("WARN ")
                    && line.contains("The expiry-warning scan failed; the next scan tries again")), log.lines().toString());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("The pin-correction scan failed")),
                    log.lines().toString());
        }
        startDatabase();
        umpin.scan("expiry-warning");
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsDown() throws Exception {
        Management management = umpin.management();
        assertEquals(200, management.get("/observe/health/ready").statusCode());

        database.stop();
        HttpResponse<String> down = management.get("/observe/health/ready?exposureLevel=full");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("\"store\"") && down.body().contains("the store cannot be reached"), down.body());
        assertFalse(down.body().contains(Integer.toString(dbPort)), "no store address on the management port: " + down.body());
        assertEquals(200, management.get("/observe/health/live").statusCode());

        startDatabase();
        assertEquals(200, management.get("/observe/health/ready").statusCode(), "UP again once the store is back");
    }

    /**
     * The window two systems leave open: the SMTP server took the e-mail (its answer to the end
     * of DATA held, or to QUIT), then the commit failed. The caller gets a fault and the e-mail's
     * PIN never becomes valid, the old one stays; once the store is back, the intent the reset
     * committed before its e-mail gets alice a correction, once, that names that e-mail: every
     * PIN mailed works, or a later e-mail says it does not.
     */
    @ParameterizedTest(name = "the store stops while the SMTP server holds at {0}")
    @EnumSource(value = Fault.class, names = {"HOLD_DATA_REPLY", "HOLD_QUIT_REPLY"})
    void commitFailingAfterTheMailLeavesTheOldPinAndACorrectionFollows(Fault holdAt) throws Exception {
        smtp.script(holdAt);
        try (CapturedLog log = CapturedLog.attach()) {
            CompletableFuture<HttpResponse<String>> reset = CompletableFuture.supplyAsync(() -> resetAlice());
            smtp.awaitHeld();
            database.stop();
            smtp.release();

            HttpResponse<String> response = reset.get();

            SoapFault.expect(response, "ErrorInternalServerError");
            String mailedPin = PinMail.of(smtp.accepted().get(1)).pin();
            assertFalse(response.body().contains(mailedPin));
            startDatabase();
            assertEquals(before, umpin.stored("alice"), "nothing changed");
            assertFalse(umpin.isCurrentPin("alice", mailedPin));
            assertTrue(umpin.isCurrentPin("alice", oldPin));
            assertEquals(1, umpin.view().intents(), "the intent, committed before the e-mail");

            clock.move(PendingPins.UNSETTLED_AFTER.plusSeconds(1));
            umpin.scan("pin-corrections");
            umpin.scan("pin-corrections");

            assertEquals(3, smtp.accepted().size(), "one correction, not one per scan");
            MimeMessage correction = smtp.accepted().get(2);
            assertEquals("pin-not-set", correction.getHeader("X-Umpin-Mail", null));
            assertEquals(1, ResetInvariant.assertEveryMailedPinWorksOrIsCorrected(umpin.view(), smtp.accepted(), "alice"));
            assertTrue(PinMail.of(correction).text().contains("does not work"), PinMail.of(correction).text());
            assertEquals(0, umpin.view().intents(), "settled");
            assertTrue(umpin.isCurrentPin("alice", oldPin), "the correction changes no PIN");
            assertEquals("success", umpin.view().audit("alice").stream()
                    .filter(row -> row.get("action").equals("pin-correction")).findFirst().orElseThrow().get("outcome"));
            List<String> lines = log.lines();
            assertFalse(lines.isEmpty());
            lines.forEach(line -> assertFalse(line.contains(mailedPin), "a PIN in the log: " + line));
            assertFalse(PinMail.of(correction).text().contains(mailedPin) || PinMail.of(correction).html().contains(mailedPin));
        }
    }

    private HttpResponse<String> resetAlice() {
        try {
            return umpin.resetPin("alice", "demo");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startDatabase() throws SQLException {
        database = Server.createTcpServer("-tcpPort", Integer.toString(dbPort), "-ifNotExists").start();
    }
}
