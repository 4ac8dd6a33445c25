package org.umpin.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * A policy changed while PINs are set, as an operator changes it: the service restarted on the
 * same store with other settings. Real HTTP, real SMTP, one H2 store shared by the two runs.
 */
class PolicyChangeTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    final MovableClock clock = new MovableClock();
    /** One in-memory store that outlives each run (DB_CLOSE_DELAY=-1). */
    final String store = "jdbc:h2:mem:policy-change-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private UmpinServer start(Map<String, String> policy) throws Exception {
        Map<String, String> settings = new HashMap<>(policy);
        settings.put("umpin.db.url", store);
        return UmpinServer.start(SMTP.getSmtp().getPort(), settings, Map.of("umpinClock", clock));
    }

    /** ResetPIN, then the PIN of alice's own, so that only PINLifetime can expire it. */
    private Instant ownPin(UmpinServer umpin, String own) throws Exception {
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        String mailed = PinMail.of(SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1]).pin();
        assertEquals(204, umpin.telephony("ivr", "demo").changePin("alice", mailed, own).status());
        return umpin.pinState("alice").orElseThrow().setAt();
    }

    @Test
    void aShorterLifetimeExpiresPinsAlreadySetAndUnlimitedStopsThemExpiring() throws Exception {
        Instant setAt;
        try (UmpinServer umpin = start(Map.of())) {
            setAt = ownPin(umpin, "582941");
            TelephonyClient.Answer state = umpin.telephony("ivr", "demo").state("alice");
            assertEquals(setAt.plus(Duration.ofDays(60)), Instant.parse(state.text("expiresAt")), state.body());
        }
        clock.move(Duration.ofDays(2));
        try (UmpinServer umpin = start(Map.of("umpin.policy.default.pin-lifetime-days", "1"))) {
            TelephonyClient ivr = umpin.telephony("ivr", "demo");
            TelephonyClient.Answer state = ivr.state("alice");
            assertEquals(setAt.plus(Duration.ofDays(1)), Instant.parse(state.text("expiresAt")),
                    "the lifetime of now, from when the PIN was set: " + state.body());
            assertTrue(state.json().get("pinExpired").asBoolean(), state.body());
            TelephonyClient.Answer logon = ivr.logon("alice", "582941");
            assertEquals("ok", logon.text("result"), logon.body());
            assertEquals("expired", logon.text("reason"), "past its lifetime, the PIN logs on and must be changed");
        }
        clock.move(Duration.ofDays(400));
        try (UmpinServer umpin = start(Map.of("umpin.policy.default.pin-lifetime-days", "unlimited"))) {
            TelephonyClient ivr = umpin.telephony("ivr", "demo");
            TelephonyClient.Answer state = ivr.state("alice");
            assertTrue(state.json().get("expiresAt").isNull(), "unlimited: it never expires: " + state.body());
            assertFalse(state.json().get("pinExpired").asBoolean(), state.body());
            TelephonyClient.Answer logon = ivr.logon("alice", "582941");
            assertFalse(logon.json().get("mustChange").asBoolean(), logon.body());
        }
    }

    @Test
    void withMaxLogonAttemptsUnlimitedNoCountLocksTheMailbox() throws Exception {
        try (UmpinServer umpin = start(Map.of("umpin.policy.default.max-logon-attempts", "unlimited",
                "umpin.policy.default.logon-failures-before-pin-reset", "unlimited"))) {
            ownPin(umpin, "582941");
            TelephonyClient ivr = umpin.telephony("ivr", "demo");
            for (int failure = 1; failure <= 20; failure++) {
                assertEquals("wrong", ivr.logon("alice", "000000").text("result"), "failure " + failure);
            }
            assertEquals(20, umpin.pinState("alice").orElseThrow().failedLogons());
            assertFalse(umpin.pinState("alice").orElseThrow().lockedOut());
            assertEquals("ok", ivr.logon("alice", "582941").text("result"));
        }
    }
}
