package org.umpin.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
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
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * The PIN on the telephone (/pin/v1/): real HTTP in, real SMTP out (GreenMail), the real H2
 * store, and a clock the test moves. Every test starts from a ResetPIN of its mailbox.
 */
class TelephonyTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static final MovableClock CLOCK = new MovableClock();
    static UmpinServer umpin;
    static TelephonyClient ivr;
    /** Every PIN a test saw: none may reach a log line, an answer or the audit trail. */
    final List<String> pins = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // dominique is an administrator here: administrators may call the API too
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.admin.members", "dominique"),
                Map.of("umpinClock", CLOCK));
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
    void theWholeWalkResetMailLogonChangeLogon() throws Exception {
        String mailed = reset("alice");

        TelephonyClient.Answer first = ivr.logon("36697", mailed);
        assertEquals(200, first.status(), first.body());
        assertEquals("application/json", first.contentType());
        assertEquals("ok", first.text("result"));
        assertTrue(first.json().get("mustChange").asBoolean(), first.body());
        assertEquals("reset", first.text("reason"));
        assertEquals(umpin.pinExpiresAt("alice").orElseThrow(), Instant.parse(first.text("expiresAt")));

        String own = "582941";
        pins.add(own);
        TelephonyClient.Answer changed = ivr.changePin("36697", mailed, own);
        assertEquals(204, changed.status(), changed.body());
        assertEquals("", changed.body());
        assertTrue(umpin.isCurrentPin("alice", own));
        PinStore.PinState state = umpin.pinState("alice").orElseThrow();
        assertFalse(state.expired(), "a PIN of the user's own is not expired");
        assertEquals(0, state.failedLogons());
        assertEquals(Duration.ofDays(60), Duration.between(state.setAt(), umpin.pinExpiresAt("alice").orElseThrow()));
        assertTrue(umpin.stored("alice").history().stream().anyMatch(e -> umpin.hasher().verify(own, e.getValue())),
                "the PIN joins the history");

        TelephonyClient.Answer second = ivr.logon("alice@contoso.example", own);
        assertEquals("ok", second.text("result"), second.body());
        assertFalse(second.json().get("mustChange").asBoolean(), second.body());
        assertNull(second.json().get("reason"));
        assertEquals(0, SMTP.getReceivedMessages().length - 1, "only the reset mailed anything");

        TelephonyClient.Answer shown = ivr.state("alice");
        assertEquals(200, shown.status(), shown.body());
        assertFalse(shown.json().get("pinExpired").asBoolean());
        assertFalse(shown.json().get("firstTimeUser").asBoolean());
        assertFalse(shown.json().get("lockedOut").asBoolean());
        assertEquals(0, shown.json().get("failedLogons").asInt());
        assertFalse(shown.body().contains("pbkdf2"), "never a hash: " + shown.body());
        assertNoPinIn(List.of(first.body(), changed.body(), second.body(), shown.body()));
        assertNoPinIn(auditOf("alice"));
    }

    @Test
    void aPinOfOnesOwnThatEndsTheExtensionIsRefusedAsExchangeRefusesIt() throws Exception {
        // dominique gets a ten-digit extension: 558317 holds neither it nor its reverse, but ends it
        extension("dominique", "4255558317");
        try {
            String mailed = reset("dominique");
            pins.add("558317");
            TelephonyClient.Answer refused = ivr.changePin("4255558317", mailed, "558317");
            assertEquals(422, refused.status(), refused.body());
            assertEquals("contains-extension", refused.json().get("violations").get(0).asText(), refused.body());
            assertTrue(umpin.isCurrentPin("dominique", mailed), "nothing changed");
            pins.add("558318");
            assertEquals(204, ivr.changePin("4255558317", mailed, "558318").status());
        } finally {
            extension("dominique", "41200");
        }
    }

    private static void extension(String login, String extension) throws Exception {
        try (java.sql.Connection c = umpin.store();
             java.sql.PreparedStatement s = c.prepareStatement("UPDATE mailbox SET extension = ? WHERE login = ?")) {
            s.setString(1, extension);
            s.setString(2, login);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void eachViolationAloneAndSeveralAtOnceAndNothingChanges() throws Exception {
        String mailed = reset("alice");
        Map<String, List<String>> expected = Map.of(
                "4938", List.of("too-short"),
                "4938271605493827160549382", List.of("too-long"),
                "49x817", List.of("not-digits"),
                "123456", List.of("common-pattern"),
                "836697", List.of("contains-extension"),
                mailed, List.of("in-history"),
                "1111", List.of("too-short", "common-pattern"),
                "121212", List.of("weak-pin"),
                "3669777", List.of("weak-pin", "contains-extension"));
        for (Map.Entry<String, List<String>> each : expected.entrySet()) {
            pins.add(each.getKey());
            TelephonyClient.Answer refused = ivr.changePin("alice", mailed, each.getKey());
            assertEquals(422, refused.status(), refused.body());
            assertEquals("pin-refused", refused.problem());
            List<String> violations = new ArrayList<>();
            refused.json().get("violations").forEach(v -> violations.add(v.asText()));
            assertEquals(each.getValue(), violations, "for " + each.getKey().length() + " characters: " + refused.body());
            assertNoPinIn(List.of(refused.body()));
        }
        assertTrue(umpin.isCurrentPin("alice", mailed), "a refused PIN changes nothing");
        assertTrue(umpin.pinState("alice").orElseThrow().expired());
    }

    @Test
    void aPinPastItsLifetimeStillLogsOnButMustBeChanged() throws Exception {
        String mailed = reset("dominique");
        String own = "720419";
        pins.add(own);
        assertEquals(204, ivr.changePin("41200", mailed, own).status());
        CLOCK.move(Duration.ofDays(59));
        assertFalse(ivr.logon("41200", own).json().get("mustChange").asBoolean(), "a day before expiry");
        CLOCK.move(Duration.ofDays(1));
        TelephonyClient.Answer expired = ivr.logon("41200", own);
        assertEquals("ok", expired.text("result"), expired.body());
        assertTrue(expired.json().get("mustChange").asBoolean(), expired.body());
        assertEquals("expired", expired.text("reason"));
        assertTrue(ivr.state("dominique").json().get("pinExpired").asBoolean());
        String next = "605182";
        pins.add(next);
        assertEquals(204, ivr.changePin("41200", own, next).status());
        assertFalse(ivr.logon("41200", next).json().get("mustChange").asBoolean());
    }

    /** Exchange: a policy made stricter makes the users whose PIN it now refuses change it at their next logon. */
    @Test
    void aPinThatAStricterPolicyRefusesMustBeChangedAtTheNextLogon() throws Exception {
        String store = "jdbc:h2:mem:stricter-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String own = "582941";
        pins.add(own);
        try (UmpinServer before = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.db.url", store))) {
            int mails = SMTP.getReceivedMessages().length;
            assertEquals(200, before.resetPin("alice", "demo").statusCode());
            String mailed = PinMail.of(SMTP.getReceivedMessages()[mails]).pin();
            pins.add(mailed);
            assertEquals(204, before.telephony("ivr", "demo").changePin("alice", mailed, own).status());
        }
        try (UmpinServer stricter = UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("umpin.db.url", store, "umpin.policy.default.min-pin-length", "8"))) {
            TelephonyClient strict = stricter.telephony("ivr", "demo");
            TelephonyClient.Answer logon = strict.logon("36697", own);
            assertEquals("ok", logon.text("result"), logon.body());
            assertTrue(logon.json().get("mustChange").asBoolean(), "6 digits, the policy now wants 8: " + logon.body());
            assertEquals("policy", logon.text("reason"));
            assertEquals(List.of("too-short"), List.of(strict.changePin("alice", own, "720419").json().get("violations")
                    .get(0).asText()));
            String longer = "58294163";
            pins.add(longer);
            assertEquals(204, strict.changePin("alice", own, longer).status());
            assertFalse(strict.logon("alice", longer).json().get("mustChange").asBoolean());
        }
    }

    @Test
    void defaultPolicyResetsAtFiveAndTenAndLocksAtFifteenUntilResetPin() throws Exception {
        String mailed = reset("alice");
        List<Integer> resets = new ArrayList<>();
        for (int failure = 1; failure <= 15; failure++) {
            TelephonyClient.Answer wrong = ivr.logon("36697", "000000");
            if (failure < 15) {
                assertEquals("wrong", wrong.text("result"), "failure " + failure + ": " + wrong.body());
                if (wrong.json().get("pinReset").asBoolean()) {
                    resets.add(failure);
                }
            } else {
                assertEquals("locked", wrong.text("result"), "failure 15: " + wrong.body());
            }
            assertEquals(failure, umpin.pinState("alice").orElseThrow().failedLogons());
        }
        assertEquals(List.of(5, 10), resets);
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(1 + 2, mails.length, "each automatic reset mails its PIN");
        String latest = PinMail.of(mails[2]).pin();
        pins.add(latest);
        assertTrue(umpin.isCurrentPin("alice", latest), "the last automatic reset's PIN is the PIN");
        assertFalse(umpin.isCurrentPin("alice", mailed));

        double lockoutsBefore = umpin.management().sample("umpin_lockouts_total");
        TelephonyClient.Answer right = ivr.logon("36697", latest);
        assertEquals("locked", right.text("result"), "a locked mailbox refuses the right PIN too: " + right.body());
        assertEquals("locked", ivr.logon("36697", "000000").text("result"));
        TelephonyClient.Answer state = ivr.state("36697");
        assertTrue(state.json().get("lockedOut").asBoolean());
        assertEquals(15, state.json().get("failedLogons").asInt(), "Exchange stops counting once locked out");
        assertEquals(lockoutsBefore, umpin.management().sample("umpin_lockouts_total"), "locked once, not again");

        String afterLockout = reset("alice");
        TelephonyClient.Answer unlocked = ivr.logon("36697", afterLockout);
        assertEquals("ok", unlocked.text("result"), "ResetPIN clears the lockout: " + unlocked.body());
        assertEquals("reset", unlocked.text("reason"));
        assertEquals(0, umpin.pinState("alice").orElseThrow().failedLogons());
        List<Map<String, String>> automatic = auditOf("alice").stream()
                .filter(row -> "automatic-reset".equals(row.get("action"))).toList();
        assertEquals(2, automatic.size(), automatic.toString());
        automatic.forEach(row -> assertEquals("success", row.get("outcome")));
    }

    @Test
    void aSmallPolicyResetsEveryThreeAndLocksAtTen() throws Exception {
        reset("erin"); // the strict policy: a reset after 3 failures, locked at 10
        List<Integer> resets = new ArrayList<>();
        String last = null;
        for (int failure = 1; failure <= 10; failure++) {
            TelephonyClient.Answer wrong = ivr.logon("36300", "00000000");
            last = wrong.text("result");
            if ("wrong".equals(last) && wrong.json().get("pinReset").asBoolean()) {
                resets.add(failure);
            }
        }
        assertEquals(List.of(3, 6, 9), resets);
        assertEquals("locked", last);
        assertEquals(1 + 3, SMTP.getReceivedMessages().length);
    }

    @Test
    void aWrongCurrentPinWhenChangingIsAFailedLogon() throws Exception {
        String mailed = reset("alice");
        pins.add("958274");
        TelephonyClient.Answer wrong = ivr.changePin("alice", "111111", "958274");
        assertEquals(403, wrong.status(), wrong.body());
        assertEquals("wrong-pin", wrong.problem());
        assertFalse(wrong.json().get("pinReset").asBoolean());
        assertEquals(1, umpin.pinState("alice").orElseThrow().failedLogons());
        assertTrue(umpin.isCurrentPin("alice", mailed));
        assertEquals("ok", ivr.logon("alice", mailed).text("result"));
        assertEquals(0, umpin.pinState("alice").orElseThrow().failedLogons(), "a right PIN clears the count");
    }

    @Test
    void callersWithoutTheTelephonyRoleAndUnknownMailboxesAreRefused() throws Exception {
        reset("alice");
        TelephonyClient.Answer user = umpin.telephony("alice", "demo").logon("36697", "123456");
        assertEquals(403, user.status(), user.body());
        assertEquals("forbidden", user.problem());
        TelephonyClient.Answer administrator = umpin.telephony("dominique", "demo").state("frank");
        assertEquals(200, administrator.status(), "an administrator may call the API: " + administrator.body());
        assertEquals(401, umpin.telephony(null, null).logon("36697", "123456").status());
        assertEquals(401, umpin.telephony("ivr", "wrong").logon("36697", "123456").status());
        assertEquals(0, umpin.pinState("alice").orElseThrow().failedLogons(), "no logon happened");

        for (String unknown : List.of("99999", "nobody", "bob", "carol@contoso.example")) {
            TelephonyClient.Answer missing = ivr.logon(unknown, "123456");
            assertEquals(404, missing.status(), unknown + ": " + missing.body());
            assertEquals("mailbox-not-found", missing.problem());
        }
        assertEquals("no-such-resource", ivr.send("GET", "nothing/here", null, null).problem());
        assertEquals("method-not-allowed", ivr.send("DELETE", "mailboxes/alice", null, null).problem());
    }

    @Test
    void hostileBodiesGetAProblemAndTheServiceStaysUp() throws Exception {
        reset("alice");
        Map<String, String> badRequests = Map.of(
                "not json", "{\"mailbox\": ",
                "an array", "[\"36697\", \"123456\"]",
                "deeply nested", "[".repeat(500) + "]".repeat(500),
                "wrong types", "{\"mailbox\": 36697, \"pin\": 123456}",
                "a long PIN", "{\"mailbox\": \"36697\", \"pin\": \"" + "1".repeat(1000) + "\"}",
                "unknown member", "{\"mailbox\": \"36697\", \"pin\": \"123456\", \"admin\": true}",
                "missing PIN", "{\"mailbox\": \"36697\"}",
                "duplicate member", "{\"mailbox\": \"36697\", \"pin\": \"123456\", \"pin\": \"654321\"}",
                "two values", "{\"mailbox\": \"36697\", \"pin\": \"123456\"} {}",
                "a PIN with letters", "{\"mailbox\": \"36697\", \"pin\": \"12ab56\"}");
        for (Map.Entry<String, String> bad : badRequests.entrySet()) {
            TelephonyClient.Answer answer = ivr.send("POST", "logon", bad.getValue(), "application/json");
            assertEquals(400, answer.status(), bad.getKey() + ": " + answer.body());
            assertEquals("bad-request", answer.problem(), bad.getKey());
            assertFalse(answer.body().contains("123456") || answer.body().contains("654321"), answer.body());
        }
        TelephonyClient.Answer huge = ivr.send("POST", "logon",
                "{\"mailbox\": \"36697\", \"pin\": \"" + "7".repeat(10_000) + "\"}", "application/json");
        assertEquals(413, huge.status(), "a PIN of 10,000 digits passes the size bound");
        TelephonyClient.Answer chunked = ivr.publish("POST", "logon", java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(("{\"mailbox\": \"36697\", \"pin\": \"" + "7".repeat(10_000) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))), "application/json");
        assertEquals(413, chunked.status(), "a chunked body is cut off where it passes the bound: " + chunked.body());
        assertEquals("too-large", chunked.problem());
        assertEquals("unsupported-media-type",
                ivr.send("POST", "logon", "mailbox=36697&pin=123456", "application/x-www-form-urlencoded").problem());
        for (String notJson : List.of("application/jsonx", "application/json-seq", "text/json", "application/+json",
                "application/x/y+json")) {
            assertEquals(415, ivr.send("POST", "logon", "{\"mailbox\": \"36697\", \"pin\": \"000000\"}", notJson).status(),
                    notJson + " is not JSON");
        }
        assertEquals(0, umpin.pinState("alice").orElseThrow().failedLogons(), "no bad request counted as a logon");
        for (String json : List.of("application/json; charset=utf-8", "Application/JSON", "application/vnd.umpin+json")) {
            assertEquals("wrong", ivr.send("POST", "logon", "{\"mailbox\": \"36697\", \"pin\": \"000000\"}", json).text("result"),
                    json + " is JSON");
        }
        assertEquals(3, umpin.pinState("alice").orElseThrow().failedLogons(), "each JSON one a logon");
        assertEquals("wrong", ivr.logon("36697", "000000").text("result"), "still up");
    }

    @Test
    void noPinInTheLogTheAnswersOrTheAuditAndEachLogonIsCountedAndAudited() throws Exception {
        double okBefore = umpin.management().sample("umpin_logons_total{result=\"ok\"}");
        double wrongBefore = umpin.management().sample("umpin_logons_total{result=\"wrong\"}");
        double changedBefore = umpin.management().sample("umpin_pin_changes_total{result=\"changed\"}");
        try (CapturedLog log = CapturedLog.attach()) {
            String mailed = reset("alice");
            List<TelephonyClient.Answer> answered = new ArrayList<>();
            answered.add(ivr.logon("36697", "493817"));
            answered.add(ivr.logon("36697", mailed));
            String own = "839201";
            pins.addAll(List.of("493817", own));
            answered.add(ivr.changePin("alice", mailed, own));
            answered.add(ivr.changePin("alice", own, "123456"));
            answered.add(ivr.state("alice"));
            List<String> answers = new ArrayList<>();
            answered.forEach(answer -> answers.addAll(List.of(answer.body(), answer.headers())));
            assertNoPinIn(answers);
            assertNoPinIn(log.lines());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("Telephony logon wrong for mailbox alice (caller ivr)")),
                    "one log line per logon");
        }
        assertNoPinIn(auditOf("alice"));
        List<String> actions = auditOf("alice").stream().map(row -> row.get("action") + " " + row.get("outcome")).toList();
        assertTrue(actions.containsAll(List.of("logon wrong", "logon ok", "pin-change changed", "pin-change refused")),
                actions.toString());
        auditOf("alice").stream().filter(row -> !"ResetPIN".equals(row.get("action"))).forEach(row -> {
            assertEquals("ivr", row.get("login"), row.toString());
            assertEquals("127.0.0.1", row.get("client_address"), row.toString());
            assertEquals(36, row.get("correlation_id").length(), row.toString());
        });
        assertEquals(okBefore + 1, umpin.management().sample("umpin_logons_total{result=\"ok\"}"));
        assertEquals(wrongBefore + 1, umpin.management().sample("umpin_logons_total{result=\"wrong\"}"));
        assertEquals(changedBefore + 1, umpin.management().sample("umpin_pin_changes_total{result=\"changed\"}"));
    }

    /** ResetPIN of the mailbox over SOAP: the mailed PIN. */
    private String reset(String login) throws Exception {
        int before = SMTP.getReceivedMessages().length;
        assertEquals(200, umpin.resetPin(login, "demo").statusCode());
        MimeMessage[] mails = SMTP.getReceivedMessages();
        String pin = PinMail.of(mails[before]).pin();
        pins.add(pin);
        return pin;
    }

    private List<Map<String, String>> auditOf(String login) throws Exception {
        return umpin.view().audit(login);
    }

    private void assertNoPinIn(List<?> texts) {
        for (Object text : texts) {
            for (String pin : pins) {
                assertFalse(String.valueOf(text).contains(pin), "a PIN leaked: " + text);
            }
        }
    }
}
