package org.umpin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.pin.PinStore;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.Commands;
import org.umpin.testing.PinMail;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * Set-UMMailboxPIN's -Pin, -PINExpired and -LockedOut on the command line ({@code pin set},
 * {@code pin lock}) and {@code pin verify} reading its PIN, beside a running service: real SMTP
 * (GreenMail), the real H2 store, the telephony API to see what a caller then gets.
 */
class AdministratorCommandsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static UmpinServer umpin;
    static TelephonyClient ivr;
    /** Every PIN the test gave: none may reach an output, a log line or the audit trail. */
    final List<String> pins = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of());
        ivr = umpin.telephony("ivr", "demo");
    }

    @AfterAll
    static void stop() {
        umpin.close();
    }

    @BeforeEach
    void noMail() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Test
    void pinSetReadsThePinFromStandardInputChecksItMailsItAndStoresItExpired() throws Exception {
        String pin = given("582941");
        Commands.Run set = Commands.withInputOn(umpin, pin + "\n", "pin", "set", "alice");

        assertEquals(0, set.status(), set.err());
        assertTrue(set.out().contains("was set; the user must change it at the first telephone logon; mailed to "
                + "alice@contoso.example"), set.out());
        assertEquals(1, SMTP.getReceivedMessages().length);
        assertEquals(pin, PinMail.of(SMTP.getReceivedMessages()[0]).pin(), "the mail holds the PIN the administrator set");
        assertTrue(umpin.isCurrentPin("alice", pin));
        PinStore.PinState state = umpin.pinState("alice").orElseThrow();
        assertTrue(state.expired(), "Set-UMMailboxPIN's PINExpired is true by default");
        assertFalse(state.lockedOut());
        TelephonyClient.Answer logon = ivr.logon("alice", pin);
        assertEquals("ok", logon.text("result"), logon.body());
        assertEquals("reset", logon.text("reason"));

        assertEquals(0, Commands.withInputOn(umpin, pin + "\n", "pin", "verify", "alice").status(), "verify reads standard input");
        assertEquals(1, Commands.withInputOn(umpin, "000000\n", "pin", "verify", "alice").status());
        assertEquals(0, Commands.runOn(umpin, "pin", "verify", "alice", pin).status(), "an argument still works");
        Commands.Run none = Commands.withInputOn(umpin, "", "pin", "verify", "alice");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no PIN: type it at the prompt, or give it on standard input"), none.err());

        List<Map<String, String>> audit = umpin.view().audit("alice");
        Map<String, String> row = audit.stream().filter(r -> "pin-set".equals(r.get("action"))).findFirst().orElseThrow();
        assertEquals("success", row.get("outcome"));
        assertEquals("mailed", row.get("fault_code"), "the detail's column");
        assertTrue(row.get("login").startsWith("os:"), "the operating-system user who ran it: " + row);
        assertNoPinIn(List.of(set.out(), set.err(), audit));
    }

    @Test
    void aPinThatBreaksThePolicyIsRefusedNamingEveryRuleAndNothingChanges() throws Exception {
        String current = given("604163");
        assertEquals(0, Commands.withInputOn(umpin, current + "\n", "pin", "set", "alice", "--no-mail").status());
        Map<String, String> refused = Map.of(
                "1234", "too-short, common-pattern",
                "121212", "weak-pin",
                "836697", "contains-extension",
                current, "in-history",
                "12ab56", "not-digits");
        try (CapturedLog log = CapturedLog.attach()) {
            refused.forEach((pin, rules) -> {
                given(pin);
                Commands.Run set = Commands.withInputOn(umpin, pin + "\n", "pin", "set", "alice", "--no-mail");
                assertEquals(PinSetCommand.NOT_SET, set.status(), set.err());
                assertTrue(set.err().contains("was not set: it breaks the PIN policy: " + rules), set.err());
                assertNoPinIn(List.of(set.out(), set.err()));
            });
            assertNoPinIn(log.lines());
        }
        assertTrue(umpin.isCurrentPin("alice", current), "a refused PIN changes nothing");
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertNoPinIn(umpin.view().audit("alice"));
    }

    @Test
    void theSuffixOfALongExtensionIsRefusedAsExchangeRefusesIt() throws Exception {
        // frank: a ten-digit extension; 558317 passed umpin's "contains the extension" rule
        try (PreparedStatement s = umpin.store().prepareStatement("UPDATE mailbox SET extension = ? WHERE login = ?")) {
            s.setString(1, "4255558317");
            s.setString(2, "frank");
            s.executeUpdate();
        }
        Commands.Run set = Commands.withInputOn(umpin, given("558317") + "\n", "pin", "set", "frank", "--no-mail");
        assertEquals(PinSetCommand.NOT_SET, set.status(), set.out());
        assertTrue(set.err().contains("it breaks the PIN policy: contains-extension"), set.err());
        assertEquals(0, Commands.withInputOn(umpin, given("558318") + "\n", "pin", "set", "frank", "--no-mail").status());
    }

    @Test
    void notExpiredOnlyWithoutMailAsTheMailWouldSayOtherwise() throws Exception {
        String pin = given("615274");
        Commands.Run mailed = Commands.withInputOn(umpin, pin + "\n", "pin", "set", "alice", "--expired", "false");
        assertEquals(2, mailed.status());
        assertTrue(mailed.err().contains("--expired false needs --no-mail"), mailed.err());

        Commands.Run set = Commands.withInputOn(umpin, pin + "\n", "pin", "set", "alice", "--expired", "false", "--no-mail");
        assertEquals(0, set.status(), set.err());
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertFalse(umpin.pinState("alice").orElseThrow().expired());
        TelephonyClient.Answer logon = ivr.logon("alice", pin);
        assertEquals("ok", logon.text("result"), logon.body());
        assertFalse(logon.json().get("mustChange").asBoolean(), "-PINExpired $false: no change asked: " + logon.body());
        List<Map<String, String>> sets = umpin.view().audit("alice").stream()
                .filter(row -> "pin-set".equals(row.get("action"))).toList();
        assertEquals("no-mail,not-expired", sets.get(sets.size() - 1).get("fault_code"));
    }

    @Test
    void pinLockRefusesEveryPinCountsNoneAndAnUnlockOrASetEndsIt() throws Exception {
        String pin = given("637496");
        assertEquals(0, Commands.withInputOn(umpin, pin + "\n", "pin", "set", "alice", "--no-mail").status());
        assertEquals("wrong", ivr.logon("alice", "000000").text("result"));

        Commands.Run lock = Commands.runOn(umpin, "pin", "lock", "alice");
        assertEquals(0, lock.status(), lock.err());
        assertTrue(lock.out().contains("alice is locked out"), lock.out());
        for (String tried : List.of(pin, "000000", "000000")) {
            assertEquals("locked", ivr.logon("alice", tried).text("result"), "a locked mailbox refuses every PIN");
        }
        PinStore.PinState locked = umpin.pinState("alice").orElseThrow();
        assertTrue(locked.lockedOut());
        assertEquals(1, locked.failedLogons(), "the lock keeps the count, and a locked mailbox counts no logon");
        assertTrue(Commands.runOn(umpin, "pin", "lock", "alice").out().contains("was locked out already"));
        assertEquals("lock", umpin.view().audit("alice").get(umpin.view().audit("alice").size() - 1).get("action"));

        assertEquals(0, Commands.runOn(umpin, "pin", "unlock", "alice").status());
        assertEquals("ok", ivr.logon("alice", pin).text("result"));
        assertEquals(0, Commands.runOn(umpin, "pin", "lock", "alice").status());
        String next = given("648507");
        assertEquals(0, Commands.withInputOn(umpin, next + "\n", "pin", "set", "alice", "--no-mail").status());
        assertEquals("ok", ivr.logon("alice", next).text("result"), "Set-UMMailboxPIN clears the lockout");

        assertEquals(1, Commands.runOn(umpin, "pin", "lock", "nobody").status());
        assertEquals(1, Commands.runOn(umpin, "pin", "lock", "bob").status(), "bob has no PIN to lock");
    }

    private String given(String pin) {
        pins.add(pin);
        return pin;
    }

    private void assertNoPinIn(List<?> texts) {
        for (Object text : texts) {
            for (String pin : pins) {
                assertFalse(String.valueOf(text).contains(pin), "a PIN leaked: " + text);
            }
        }
    }
}
