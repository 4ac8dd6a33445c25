package org.umpin.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.CapturedLog;
import org.umpin.pin.PendingPins;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * All or nothing when the SMTP server misbehaves: a reset that gets no 250 for its e-mail gets
 * {@code a:ResetPINException} and leaves the stored PIN exactly as it was. Refused connections
 * and 4xx answers are retried; 5xx, timeouts and dropped connections are not.
 */
class MailFailureTest {

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private final MovableClock clock = new MovableClock();
    private UmpinServer umpin;
    private String oldPin;
    private StoreView.StoredPin before;

    @BeforeEach
    void startWithAPin() throws Exception {
        umpin = umpins.start(Map.of("umpin.mail.timeout-ms", "1000", "umpin.mail.retries", "2",
                "umpin.mail.retry-delay-ms", "50"), Map.of("umpinClock", clock));
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        oldPin = PinMail.of(smtp.accepted().get(0)).pin();
        before = umpin.stored("alice");
    }

    @Test
    void writeTimeoutsRunOnOneThreadNotAThreadPerMail() {
        // Jakarta Mail starts a thread pool per connection unless given one (SmtpRelay's)
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().equals("umpin-smtp-write-timeouts")),
                "the reset's e-mail scheduled its write timeouts on umpin's thread");
    }

    @Test
    void refusedConnectionIsRetriedThenFaults() throws Exception {
        smtp.refuse();
        try (CapturedLog log = CapturedLog.attach()) {
            expectMailFaultAndNothingChanged(umpin.resetPin("alice", "demo"));
            assertEquals(1 + 2, failedAttemptsLogged(log), "each failed attempt is logged at WARN: " + log.lines());
        }
    }

    @Test
    void temporaryRejectionIsRetriedWithBackoffAndThenSucceeds() throws Exception {
        smtp.script(Fault.TEMPORARY, Fault.TEMPORARY);
        try (CapturedLog log = CapturedLog.attach()) {
            HttpResponse<String> response = umpin.resetPin("alice", "demo");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1 + 3, smtp.connections(), "the first reset, then two 451s and one 250");
            assertEquals(2, smtp.accepted().size(), "one e-mail for this reset");
            String pin = PinMail.of(smtp.accepted().get(1)).pin();
            assertTrue(umpin.isCurrentPin("alice", pin));
            assertEquals(2, failedAttemptsLogged(log));
            log.lines().forEach(line -> assertFalse(line.contains(pin), "the retries log no PIN: " + line));
        }
    }

    @Test
    void temporaryRejectionEveryTimeFaultsAfterTheRetries() throws Exception {
        smtp.otherwise(() -> Fault.TEMPORARY);

        try (CapturedLog log = CapturedLog.attach()) {
            expectMailFaultAndNothingChanged(umpin.resetPin("alice", "demo"));
            assertEquals(1 + 2, failedAttemptsLogged(log), "each failed attempt is logged at WARN: " + log.lines());
        }
        assertEquals(1 + 3, smtp.connections(), "one try and two retries");
    }

    @Test
    void permanentRejectionIsNotRetried() throws Exception {
        smtp.script(Fault.PERMANENT);

        expectMailFaultAndNothingChanged(umpin.resetPin("alice", "demo"));
        assertEquals(1 + 1, smtp.connections());
    }

    @Test
    void connectionDroppedMidDataIsNotRetried() throws Exception {
        smtp.script(Fault.DROP_MID_DATA);

        expectMailFaultAndNothingChanged(umpin.resetPin("alice", "demo"), true);
        assertEquals(1 + 1, smtp.connections(), "the server may have taken part of it: no second copy");

        clock.move(PendingPins.UNSETTLED_AFTER.plusSeconds(1));
        umpin.scan("pin-corrections");
        assertEquals(2, smtp.accepted().size(), "a correction: umpin cannot know that the e-mail did not go");
        assertEquals("pin-not-set", smtp.accepted().get(1).getHeader("X-Umpin-Mail", null));
        assertTrue(PinMail.of(smtp.accepted().get(1)).text().contains("may have sent you"));
        assertEquals(0, umpin.view().intents());
        assertTrue(umpin.isCurrentPin("alice", oldPin));
    }

    @Test
    void silentServerTimesOutAndIsNotRetried() throws Exception {
        smtp.script(Fault.SILENT);

        expectMailFaultAndNothingChanged(umpin.resetPin("alice", "demo"), true);
        assertEquals(1 + 1, smtp.connections());
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode(), "the next reset goes through");
        assertEquals(0, umpin.view().intents(), "its e-mail, the newer, supersedes the one that may have gone");
    }

    @Test
    void firstResetWithTheServerDownStoresNoPin() throws Exception {
        smtp.refuse();

        HttpResponse<String> response = umpin.resetPin("dominique", "demo");

        SoapFault.expectException(response, "ResetPINException");
        assertTrue(umpin.stored("dominique").state().isEmpty());
        assertTrue(umpin.stored("dominique").history().isEmpty());
    }

    /**
     * The automatic reset after LogonFailuresBeforePINReset failed logons is the same reset: when
     * the relay refuses its mail, the PIN stays, the failure stays counted, the caller hears
     * pinReset false, and the failure is logged and audited; the next threshold tries again.
     */
    @Test
    void automaticResetWhoseMailFailsKeepsThePinAndCountsTheFailure() throws Exception {
        TelephonyClient ivr = umpin.telephony("ivr", "demo");
        for (int failure = 1; failure <= 4; failure++) {
            assertEquals("wrong", ivr.logon("36697", "000000").text("result"));
        }
        smtp.script(Fault.PERMANENT);
        try (CapturedLog log = CapturedLog.attach()) {
            TelephonyClient.Answer fifth = ivr.logon("36697", "000000");
            assertEquals(200, fifth.status(), fifth.body());
            assertEquals("wrong", fifth.text("result"));
            assertFalse(fifth.json().get("pinReset").asBoolean(), "the reset failed: " + fifth.body());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("Telephony automatic-reset failed SMTPSendFailedException for mailbox alice")),
                    "logged: " + log.lines());
            log.lines().forEach(line -> assertFalse(line.contains(oldPin), line));
        }
        StoreView.StoredPin after = umpin.stored("alice");
        assertEquals(before.history(), after.history(), "the PIN history is as it was");
        assertEquals(before.state().orElseThrow().pinHash(), after.state().orElseThrow().pinHash());
        assertEquals(5, after.state().orElseThrow().failedLogons(), "the failed logon stays counted");
        assertEquals(0, umpin.view().intents(), "the relay refused it: no correction to send");
        assertTrue(umpin.isCurrentPin("alice", oldPin));
        assertTrue(umpin.view().audit("alice").stream().anyMatch(row -> "automatic-reset".equals(row.get("action"))
                && "failed".equals(row.get("outcome"))), "audited");

        for (int failure = 6; failure <= 10; failure++) {
            TelephonyClient.Answer wrong = ivr.logon("36697", "000000");
            assertEquals(failure == 10, wrong.json().get("pinReset").asBoolean(), failure + ": " + wrong.body());
        }
        assertEquals(2, smtp.accepted().size(), "the tenth failure's reset was mailed");
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(smtp.accepted().get(1)).pin()));
    }

    private static long failedAttemptsLogged(CapturedLog log) {
        return log.lines().stream().filter(line -> line.startsWith("WARN ") && line.contains("On delivery attempt")).count();
    }

    /**
     * The relay answered no, or could not be reached: it certainly has no e-mail, so the reset's
     * intent is void and gone, and no correction will follow.
     */
    private void expectMailFaultAndNothingChanged(HttpResponse<String> response) throws Exception {
        expectMailFaultAndNothingChanged(response, false);
    }

    /**
     * {@code mayHaveGone}: the relay went silent or dropped the connection, so umpin cannot know
     * whether it has the e-mail; the intent stays, and its correction follows.
     */
    private void expectMailFaultAndNothingChanged(HttpResponse<String> response, boolean mayHaveGone) throws Exception {
        assertEquals(mayHaveGone ? 1 : 0, umpin.view().intents(), "the intent, kept only when the e-mail may have gone");
        SoapFault.expectException(response, "ResetPINException");
        assertTrue(response.body().contains("could not be sent; the PIN was not changed"), response.body());
        assertFalse(response.body().contains("127.0.0.1") || response.body().contains(Integer.toString(smtp.port())),
                "the fault names no host or port: " + response.body());
        assertEquals(before, umpin.stored("alice"), "state and history are exactly as they were");
        assertTrue(umpin.isCurrentPin("alice", oldPin), "the old PIN still verifies");
        assertEquals(1, smtp.accepted().size(), "no e-mail was taken for the failed reset");
    }
}
