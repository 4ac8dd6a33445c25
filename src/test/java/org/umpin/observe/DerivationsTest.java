package org.umpin.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.PinMail;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * What a reset, a telephone logon and a PIN change cost in PBKDF2 derivations, read from
 * umpin_hash_derivations_total over real HTTP: at most two per reset (the caller's password, the
 * new PIN) whatever PINHistoryCount, one per logon of a front end whose login was verified
 * moments ago, two per PIN change (umpin.auth.cache-seconds; issue "Fast where it matters").
 */
class DerivationsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final String DERIVATIONS = "umpin_hash_derivations_total";
    private UmpinServer umpin;

    @AfterEach
    void stop() {
        umpin.close();
    }

    private double derivations() throws Exception {
        return umpin.management().sample(DERIVATIONS);
    }

    /** How many derivations {@code action} cost. */
    private double cost(ThrowingRunnable action) throws Exception {
        double before = derivations();
        action.run();
        return derivations() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aResetCostsTwoDerivationsWhateverTheHistory() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.auth.cache-seconds", "0"));
        // erin's strict policy remembers 10 PINs: 12 resets fill the history and roll it
        for (int i = 0; i < 12; i++) {
            assertEquals(2.0, cost(() -> assertEquals(200, umpin.resetPin("erin", "demo").statusCode())), "reset " + (i + 1));
        }
        assertEquals(10, umpin.stored("erin").history().size(), "the history is full, and each PIN was checked against it");
    }

    @Test
    void aCallerVerifiedMomentsAgoCostsNoDerivationUntilItsPasswordChanges() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.auth.cache-seconds", "60"));

        assertEquals(2.0, cost(() -> assertEquals(200, umpin.resetPin("alice", "demo").statusCode())));
        assertEquals(1.0, cost(() -> assertEquals(200, umpin.resetPin("alice", "demo").statusCode())), "the PIN only");
        assertEquals(1.0, cost(() -> assertEquals(401, umpin.resetPin("alice", "wrong").statusCode())), "a wrong password is checked");

        // the directory changes alice's password: the verified login ends at once
        try (Connection c = umpin.store(); PreparedStatement s = c.prepareStatement("UPDATE mailbox SET password_hash = ? WHERE login = ?")) {
            s.setString(1, umpin.hasher().hash("new-password"));
            s.setString(2, "alice");
            assertEquals(1, s.executeUpdate());
        }
        assertEquals(401, umpin.resetPin("alice", "demo").statusCode(), "the old password no longer opens the mailbox");
        assertEquals(200, umpin.resetPin("alice", "new-password").statusCode());
    }

    @Test
    void aTelephoneLogonCostsOneDerivationAndAPinChangeTwo() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.auth.cache-seconds", "60"));
        TelephonyClient ivr = umpin.telephony("ivr", "demo");
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        String pin = PinMail.of(SMTP.getReceivedMessages()[0]).pin();
        assertEquals(200, ivr.logon("36697", "000000").status(), "the front end's first request: its password verified");

        assertEquals(1.0, cost(() -> assertEquals("ok", ivr.logon("36697", pin).text("result"))), "the PIN only");
        assertEquals(1.0, cost(() -> assertEquals("wrong", ivr.logon("36697", "000001").text("result"))));
        assertEquals(2.0, cost(() -> assertEquals(204, ivr.changePin("36697", pin, "582941").status())),
                "the current PIN, and the new one, compared with the whole history in the same derivation");
        assertEquals(1.0, cost(() -> assertEquals("ok", ivr.logon("36697", "582941").text("result"))));
    }
}
