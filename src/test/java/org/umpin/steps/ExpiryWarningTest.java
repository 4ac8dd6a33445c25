package org.umpin.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.UmpinServer;

/**
 * The expiry warning (routes/expiry-warning.camel.yaml), on the real service: a PIN of the
 * user's own is warned of once, expiry-warning-days before it expires, in the user's language,
 * with how to change it; a new PIN gets its own warning; a relay that is down delays it. Time is
 * a clock the test moves; each scan is run by the test (the route restarted, its timer firing at
 * once), not waited for.
 */
class ExpiryWarningTest {

    private static final String OWN_PIN = "582941";
    private static final String PUBLIC_URL = "https://umpin.contoso.example/EWS/UM2007Legacy.asmx";

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private final MovableClock clock = new MovableClock();
    /** One in-memory store that outlives a restart (DB_CLOSE_DELAY=-1). */
    private final String store = "jdbc:h2:mem:expiry-warning-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private UmpinServer start(Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("umpin.db.url", store);
        settings.put("umpin.soap.public-url", PUBLIC_URL);
        settings.put("umpin.policy.default.telephone-access-numbers", "+1 425 555 0199");
        settings.put("umpin.mail.retries", "0");
        return umpins.start(settings, Map.of("umpinClock", clock));
    }

    /** ResetPIN, then a PIN of the user's own on the telephone: a PIN that expires after PINLifetime. */
    private Instant ownPin(UmpinServer umpin, String login, String extension, String own) throws Exception {
        assertEquals(200, umpin.resetPin(login, "demo").statusCode());
        String mailed = PinMail.of(smtp.accepted().get(smtp.accepted().size() - 1)).pin();
        assertEquals(204, umpin.telephony("ivr", "demo").changePin(extension, mailed, own).status());
        return umpin.pinState(login).orElseThrow().setAt();
    }

    private List<MimeMessage> warnings() throws Exception {
        return PinMail.ofKind(smtp.accepted(), "expiry-warning");
    }

    @Test
    void aPinIsWarnedOfOnceInItsUsersLanguageDaysBeforeItExpires() throws Exception {
        Instant aliceSetAt;
        try (UmpinServer umpin = start(Map.of())) {
            aliceSetAt = ownPin(umpin, "alice", "36697", OWN_PIN);
            ownPin(umpin, "dominique", "41200", OWN_PIN);
            assertTrue(umpin.pinState("erin").isEmpty());

            clock.move(Duration.ofDays(60 - 14).minusHours(1));
            umpin.scan("expiry-warning");
            assertEquals(0, warnings().size(), "not yet: the PINs expire in more than 14 days");

            clock.move(Duration.ofHours(2));
            try (CapturedLog log = CapturedLog.attach()) {
                umpin.scan("expiry-warning");
                umpin.scan("expiry-warning");

                assertEquals(2, warnings().size(), "one each, not one per scan: " + warnings().size());
                log.lines().forEach(line -> assertFalse(line.contains(OWN_PIN), "a PIN in the log: " + line));
                assertTrue(log.lines().stream().anyMatch(line -> line.contains("expiry-warning mailed for mailbox alice")),
                        "logged: " + log.lines());
            }
            Instant expiresAt = aliceSetAt.plus(Duration.ofDays(60));
            PinMail alice = PinMail.of(to("alice@contoso.example"));
            String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.US)
                    .format(expiresAt.atZone(ZoneOffset.UTC));
            assertEquals("Your voice mail PIN expires on " + date, alice.message().getSubject());
            for (String body : List.of(alice.text(), alice.html())) {
                assertTrue(body.contains("+1 425 555 0199"), "the policy's access numbers: " + body);
                assertTrue(body.contains("https://umpin.contoso.example/voicemail/"), "the pages' address: " + body);
                assertFalse(body.contains(OWN_PIN), "never the PIN: " + body);
            }
            PinMail dominique = PinMail.of(to("dominique@contoso.example"));
            assertTrue(dominique.message().getSubject().startsWith("Votre code confidentiel de messagerie vocale expire le "),
                    dominique.message().getSubject());
            assertEquals("fr", dominique.message().getHeader("Content-Language", null));
            assertTrue(dominique.text().contains("Bonjour Dominique Lefèvre"), dominique.text());

            Map<String, String> row = umpin.view().audit("alice").stream()
                    .filter(r -> r.get("action").equals("expiry-warning")).findFirst().orElseThrow();
            assertEquals("success", row.get("outcome"));
            assertEquals("umpin", row.get("login"), "the caller: umpin itself");
            assertEquals(2.0, umpin.management().sample("umpin_expiry_warnings_total{outcome=\"sent\"}"));
            assertEquals("ok", umpin.telephony("ivr", "demo").logon("36697", OWN_PIN).text("result"),
                    "the warning changes nothing: the PIN still works");
        }
        try (UmpinServer restarted = start(Map.of())) {
            restarted.scan("expiry-warning");
            assertEquals(2, warnings().size(), "a restart sends no warning again");
        }
    }

    @Test
    void aPinChangedAfterItsWarningGetsItsOwnAndOneChangedBeforeItsWarningGetsNone() throws Exception {
        try (UmpinServer umpin = start(Map.of())) {
            ownPin(umpin, "alice", "36697", OWN_PIN);
            ownPin(umpin, "dominique", "41200", OWN_PIN);
            clock.move(Duration.ofDays(40));
            assertEquals(204, umpin.telephony("ivr", "demo").changePin("41200", OWN_PIN, "730518").status(),
                    "dominique's PIN changed before its warning");
            clock.move(Duration.ofDays(7));
            umpin.scan("expiry-warning");
            assertEquals(List.of("alice@contoso.example"), recipients(warnings()), "dominique's new PIN is not due");

            assertEquals(204, umpin.telephony("ivr", "demo").changePin("36697", OWN_PIN, "730518").status(),
                    "alice's PIN changed after its warning");
            umpin.scan("expiry-warning");
            assertEquals(1, warnings().size(), "the new PIN expires in 60 days");

            clock.move(Duration.ofDays(47));
            umpin.scan("expiry-warning");
            assertEquals(List.of("alice@contoso.example", "alice@contoso.example", "dominique@contoso.example"),
                    recipients(warnings()).stream().sorted().toList(), "each new PIN its own warning");
        }
    }

    /** A PIN that was reset must be changed at the first logon anyway: it is not warned of. */
    @Test
    void aResetPinIsNotWarnedOf() throws Exception {
        try (UmpinServer umpin = start(Map.of())) {
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
            clock.move(Duration.ofDays(50));
            umpin.scan("expiry-warning");
            assertEquals(0, warnings().size());
        }
    }

    @Test
    void aRelayThatIsDownDelaysTheWarningAndNeitherLosesNorRepeatsIt() throws Exception {
        try (UmpinServer umpin = start(Map.of())) {
            ownPin(umpin, "alice", "36697", OWN_PIN);
            clock.move(Duration.ofDays(50));
            smtp.refuse();
            umpin.scan("expiry-warning");

            assertEquals(0, warnings().size());
            assertEquals(1.0, umpin.management().sample("umpin_expiry_warnings_total{outcome=\"failed\"}"));
            assertTrue(umpin.view().audit("alice").stream().anyMatch(r -> r.get("action").equals("expiry-warning")
                    && r.get("outcome").equals("failed")), "audited");

            smtp.listen();
            umpin.scan("expiry-warning");
            umpin.scan("expiry-warning");
            assertEquals(1, warnings().size(), "sent once the relay is back, and once");
            assertEquals(1.0, umpin.management().sample("umpin_expiry_warnings_total{outcome=\"sent\"}"));
        }
    }

    /** 0 days: no warning for that policy's PINs; a scan reads the store a batch at a time, and reads on to the end. */
    @Test
    void aScanReadsTheStoreInBatchesAndAPolicyAtZeroDaysWarnsOfNothing(@TempDir Path temp) throws Exception {
        try (UmpinServer umpin = start(Map.of("umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 7).toString(),
                "umpin.expiry-warning.batch-size", "2"))) {
            for (int i = 1; i <= 7; i++) {
                assertEquals(200, umpin.resetPin("user" + i, "demo").statusCode());
            }
            chosenByTheirUsers(umpin);
            clock.move(Duration.ofDays(50));
            umpin.scan("expiry-warning");
            assertEquals(7, warnings().size(), "7 PINs in batches of 2");
            assertEquals(7, recipients(warnings()).stream().distinct().count());
        }
        try (UmpinServer umpin = start(Map.of("umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 7).toString(),
                "umpin.policy.default.expiry-warning-days", "0"))) {
            for (int i = 1; i <= 7; i++) {
                assertEquals(200, umpin.resetPin("user" + i, "demo").statusCode());
            }
            chosenByTheirUsers(umpin);
            clock.move(Duration.ofDays(59));
            umpin.scan("expiry-warning");
            assertEquals(7, warnings().size(), "none more");
        }
    }

    /** As if each user had chosen a PIN on the telephone: the reset's "change at the first logon" cleared. */
    private static void chosenByTheirUsers(UmpinServer umpin) throws Exception {
        try (Connection c = umpin.store(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE pin_state SET pin_expired = FALSE");
        }
    }

    private MimeMessage to(String address) throws Exception {
        for (MimeMessage m : warnings()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                return m;
            }
        }
        throw new AssertionError("no warning to " + address);
    }

    private static List<String> recipients(List<MimeMessage> messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : messages) {
            to.add(m.getAllRecipients()[0].toString());
        }
        return to;
    }
}
