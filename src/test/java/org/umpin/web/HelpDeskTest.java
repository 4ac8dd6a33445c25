package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.PageClient;
import org.umpin.testing.PinMail;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * The help desk's Set-UMMailboxPIN over HTTP, as a browser posts its forms: a PIN the
 * administrator types (checked as a user's own, mailed, all or nothing) and the lockout. The
 * page's look in a real browser is {@link VoiceMailPageTest}'s.
 */
class HelpDeskTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static UmpinServer umpin;

    @BeforeAll
    static void start() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.admin.members", "erin"));
    }

    @AfterAll
    static void stop() {
        umpin.close();
    }

    private static PageClient desk(String mailbox) throws Exception {
        PageClient erin = new PageClient(umpin);
        assertEquals(303, erin.signIn("erin", "demo"));
        erin.get("help-desk/?mailbox=" + mailbox);
        return erin;
    }

    @Test
    void aPinTheHelpDeskTypesIsCheckedThenMailedAndStored() throws Exception {
        PageClient erin = desk("alice");
        try (CapturedLog log = CapturedLog.attach()) {
            assertEquals(303, erin.post("help-desk/reset", Map.of("mailbox", "alice", "pin", "131313")).statusCode());
            String refused = erin.get("help-desk/?mailbox=alice").body();
            assertTrue(refused.contains("The PIN was not set. It breaks these rules"), refused);
            assertTrue(refused.contains("It is too easy to guess: a run of four"), refused);
            assertEquals(0, SMTP.getReceivedMessages().length);
            assertTrue(umpin.pinState("alice").isEmpty(), "nothing stored");

            assertEquals(303, erin.post("help-desk/reset", Map.of("mailbox", "alice", "pin", "582941")).statusCode());
            String done = erin.get("help-desk/?mailbox=alice").body();
            assertTrue(done.contains("The PIN was set and sent to alice@contoso.example."), done);
            assertEquals("582941", PinMail.of(SMTP.getReceivedMessages()[0]).pin());
            assertTrue(umpin.isCurrentPin("alice", "582941"));
            assertTrue(umpin.pinState("alice").orElseThrow().expired(), "the user changes it at the first logon");
            for (String text : List.of(refused, done, String.join("\n", log.lines()), umpin.view().audit("alice").toString())) {
                assertFalse(text.contains("131313") || text.contains("582941"), "a PIN leaked: " + text);
            }
        }
        List<String> rows = umpin.view().audit("alice").stream().map(r -> r.get("action") + " " + r.get("outcome")).toList();
        assertTrue(rows.containsAll(List.of("pin-set refused", "pin-set success")), rows.toString());
    }

    @Test
    void lockOutRefusesEveryPinUntilUnlocked() throws Exception {
        PageClient erin = desk("erin"); // the strict policy: 8 digits
        assertEquals(303, erin.post("help-desk/reset", Map.of("mailbox", "erin", "pin", "69301572")).statusCode());
        TelephonyClient ivr = umpin.telephony("ivr", "demo");
        assertEquals("ok", ivr.logon("erin", "69301572").text("result"));

        assertEquals(303, erin.post("help-desk/lock", Map.of("mailbox", "erin")).statusCode());
        String locked = erin.get("help-desk/?mailbox=erin").body();
        assertTrue(locked.contains("The mailbox is locked out"), locked);
        assertTrue(locked.contains("id=\"desk-lockout\">Locked"), locked);
        assertEquals("locked", ivr.logon("erin", "69301572").text("result"));

        assertEquals(303, erin.post("help-desk/unlock", Map.of("mailbox", "erin")).statusCode());
        assertEquals("ok", ivr.logon("erin", "69301572").text("result"));
        List<String> rows = umpin.view().audit("erin").stream().map(r -> r.get("action") + " " + r.get("outcome")).toList();
        assertTrue(rows.containsAll(List.of("lock success", "unlock success")), rows.toString());
    }
}
