package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.pin.PinStore;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.Commands;
import org.umpin.testing.PageClient;
import org.umpin.testing.PinMail;
import org.umpin.testing.RawHttp;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.UmpinServer;

/**
 * The pages' sessions as an attacker tries them over HTTP: a session follows its account in the
 * directory (disabled, a new password: it ends at its next request), sessions are bounded per
 * account, sign-out is a form like every other, no link makes a page say what umpin did not
 * decide, an oversized chunked form gets 413, the Origin's scheme counts, and an expected refusal
 * leaves no stack trace in the log. The role lost in an LDAP group is in {@link LdapDirectoryTest},
 * the cross-site sign-out in a real browser in {@link VoiceMailPageTest}.
 */
class PageSessionsTest {

    private static final String DOMINIQUE_DISABLED_NEW_PASSWORD =
            "dominique,dominique@contoso.example,Dominique Lefèvre,new-password,41200,fr-FR,true,false,default";

    @TempDir
    Path temp;
    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();

    /** {@code directory import} of one CSV line into {@code umpin}'s store, as an administrator runs it. */
    private void directoryImport(UmpinServer umpin, String line) throws Exception {
        Path file = temp.resolve("directory.csv");
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        Commands.Run run = Commands.runOn(umpin, "directory", "import", file.toString());
        assertEquals(0, run.status(), run.err());
    }

    /** The account disabled in the store, its password unchanged: what a directory's own tool does. */
    private static void disable(UmpinServer umpin, String login) throws Exception {
        try (Connection c = umpin.store(); PreparedStatement s = c.prepareStatement("UPDATE mailbox SET enabled = FALSE WHERE login = ?")) {
            s.setString(1, login);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static boolean signInForm(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("id=\"login\"");
    }

    @Test
    void aDisabledAdministratorsOpenSessionNoLongerResetsAnything() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.admin.members", "dominique"));
        PageClient dominique = new PageClient(umpin);
        assertEquals(303, dominique.signIn("dominique", "demo"));
        assertEquals(200, dominique.get("help-desk/?mailbox=erin").statusCode(), "the help desk, while she is an administrator");
        Optional<PinStore.PinState> erinBefore = umpin.pinState("erin");

        directoryImport(umpin, DOMINIQUE_DISABLED_NEW_PASSWORD);
        assertEquals(401, umpin.resetPin("dominique", "demo").statusCode(), "SOAP refuses her");
        HttpResponse<String> reset = dominique.post("help-desk/reset", Map.of("mailbox", "erin", "notify", "attacker@evil.example"));

        assertEquals(303, reset.statusCode());
        assertEquals(Optional.of("/voicemail/"), reset.headers().firstValue("Location"), "back to the sign-in");
        assertEquals(List.of(), smtp.accepted(), "no PIN went anywhere");
        assertEquals(erinBefore, umpin.pinState("erin"), "erin's PIN state is as it was");
        assertTrue(umpin.view().audit("erin").stream().noneMatch(row -> "dominique".equals(row.get("login"))),
                "nothing done for dominique: " + umpin.view().audit("erin"));
        assertEquals(Optional.of("/voicemail/"), dominique.get("help-desk/").headers().firstValue("Location"),
                "the session has ended: the help desk leads to the sign-in");
        assertTrue(signInForm(dominique.get("")));
        assertEquals(401, dominique.signIn("dominique", "new-password"), "nor can she sign in again, disabled");
    }

    @Test
    void aUsersSessionEndsWhenTheAccountIsDisabledOrItsPasswordChanges() throws Exception {
        UmpinServer umpin = umpins.start(Map.of());
        PageClient alice = new PageClient(umpin);
        assertEquals(303, alice.signIn("alice", "demo"));
        disable(umpin, "alice");
        HttpResponse<String> settings = alice.post("settings", Map.of("oof", "on", "dial", "123"));
        assertEquals(Optional.of("/voicemail/"), settings.headers().firstValue("Location"));
        assertTrue(umpin.view().audit("alice").stream().noneMatch(row -> row.get("action").startsWith("Set")),
                "no setting changed or audited: " + umpin.view().audit("alice"));
        HttpResponse<String> page = alice.get("");
        assertTrue(signInForm(page), "the PIN's state is no longer shown");
        assertFalse(page.body().contains("pin-state"));

        directoryImport(umpin, "alice,alice@contoso.example,Alice Martin,demo,36697,en-US,true,true,default");
        assertTrue(signInForm(alice.get("")), "enabled again, the ended session stays ended");
        assertEquals(303, alice.signIn("alice", "demo"));
        assertTrue(alice.get("").body().contains("id=\"mailbox\""));
        directoryImport(umpin, "alice,alice@contoso.example,Alice Martin,new-password,36697,en-US,true,true,default");
        assertTrue(signInForm(alice.get("")), "a new password ends the session signed in with the old one");
        assertEquals(303, alice.signIn("alice", "new-password"));
        assertTrue(alice.get("").body().contains("id=\"mailbox\""));
    }

    @Test
    void anAccountKeepsItsNewestSessionsOnly() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.web.sessions-per-account", "2"));
        List<PageClient> browsers = List.of(new PageClient(umpin), new PageClient(umpin), new PageClient(umpin));
        for (PageClient browser : browsers) {
            assertEquals(303, browser.signIn("alice", "demo"));
        }
        assertTrue(signInForm(browsers.get(0).get("")), "the third sign-in ended the first session");
        assertTrue(browsers.get(1).get("").body().contains("id=\"mailbox\""));
        assertTrue(browsers.get(2).get("").body().contains("id=\"mailbox\""));
        PageClient bob = new PageClient(umpin);
        assertEquals(303, bob.signIn("bob", "demo"));
        assertTrue(browsers.get(2).get("").body().contains("id=\"mailbox\""), "another account's sign-in ends none of alice's");
    }

    @Test
    void signOutNeedsTheTokenAndThePagesOriginAsEveryForm() throws Exception {
        UmpinServer umpin = umpins.start(Map.of());
        PageClient alice = new PageClient(umpin);
        assertEquals(303, alice.signIn("alice", "demo"));
        String token = alice.token();

        for (HttpResponse<String> refused : List.of(
                alice.post("sign-out", Map.of(), "http://evil.example", token),
                alice.post("sign-out", Map.of(), "http://127.0.0.1:1", token),
                alice.post("sign-out", Map.of(), alice.origin(), null),
                alice.post("sign-out", Map.of(), "http://evil.example", null))) {
            assertEquals(403, refused.statusCode());
            assertEquals(Optional.empty(), refused.headers().firstValue("Set-Cookie"), "the cookie is left as it is");
            assertTrue(alice.get("").body().contains("id=\"mailbox\""), "and the session lives");
        }
        HttpResponse<String> signedOut = alice.post("sign-out", Map.of(), alice.origin(), alice.token());
        assertEquals(303, signedOut.statusCode());
        assertTrue(signedOut.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertTrue(signInForm(alice.get("")), "the session has ended on the server, not only in the browser");
        assertEquals(303, new PageClient(umpin).withSession("stale").post("sign-out", Map.of(), null, null).statusCode(),
                "without a session there is nothing to protect: the stale cookie is cleared");
    }

    @Test
    void anOriginOfAnotherSchemeIsAnotherOrigin() throws Exception {
        UmpinServer umpin = umpins.start(Map.of());
        PageClient alice = new PageClient(umpin);
        assertEquals(303, alice.signIn("alice", "demo"));
        String https = "https://127.0.0.1:" + umpin.port();
        assertEquals(403, alice.post("reset", Map.of(), https, alice.token()).statusCode(), "https:// on the plain-HTTP server");
        assertEquals(403, alice.post("reset", Map.of(), "null", alice.token()).statusCode(), "an opaque origin");
        assertEquals(List.of(), smtp.accepted());
        assertTrue(umpin.pinState("alice").isEmpty(), "nothing reset");
        assertEquals(403, new PageClient(umpin).post("sign-in", Map.of("login", "alice", "password", "demo"), https, null)
                .statusCode(), "the sign-in too");
        assertEquals(303, alice.post("reset", Map.of(), alice.origin(), alice.token()).statusCode(), "the page's own origin");
    }

    @Test
    void aPageSaysOnlyWhatUmpinDecidedAndOnce() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.admin.members", "erin"));
        PageClient alice = new PageClient(umpin);
        assertEquals(303, alice.signIn("alice", "demo"));
        for (String query : List.of("?failed=x&ref=Call+0800+EVIL+now", "?failed=too-many", "?done=reset", "?failed=refused&rules=in-history")) {
            String page = alice.get(query).body();
            assertFalse(page.contains("EVIL"), query);
            assertFalse(page.contains("role=\"alert\"") || page.contains("role=\"status\""), "no message of umpin's for " + query);
        }
        assertEquals(303, alice.post("reset", Map.of()).statusCode());
        String told = alice.get("").body();
        assertTrue(told.contains("Your PIN was reset. The new PIN was sent to alice@contoso.example."), told);
        assertFalse(alice.get("").body().contains("Your PIN was reset."), "said once");

        PageClient erin = new PageClient(umpin);
        assertEquals(303, erin.signIn("erin", "demo"));
        String desk = erin.get("help-desk/?mailbox=alice&done=reset&to=attacker%40evil.example").body();
        assertFalse(desk.contains("evil.example"), desk);
        assertFalse(desk.contains("The PIN was reset"));
        erin.get("help-desk/?mailbox=alice");
        assertEquals(303, erin.post("help-desk/reset", Map.of("mailbox", "alice", "notify", "helpdesk@contoso.example")).statusCode());
        assertTrue(erin.get("help-desk/?mailbox=alice").body()
                .contains("The PIN was reset and the new PIN sent to helpdesk@contoso.example."), "the address from the server's own state");
    }

    @Test
    void aChunkedFormPastTheBoundGets413AndExpectedRefusalsLeaveNoTrace() throws Exception {
        UmpinServer umpin = umpins.start(Map.of());
        try (CapturedLog log = CapturedLog.attach()) {
            byte[] form = ("login=" + "a".repeat(20_000) + "&password=x").getBytes(StandardCharsets.US_ASCII);
            byte[] chunked = (Integer.toHexString(form.length) + "\r\n" + new String(form, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            RawHttp.Response tooLarge = RawHttp.send(umpin.port(), "POST /voicemail/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked", chunked);
            assertEquals(413, tooLarge.status(), tooLarge.all());
            assertTrue(tooLarge.body().contains("The form sent is too large."), tooLarge.body());
            RawHttp.assertNothingLeaks(tooLarge);

            PageClient alice = new PageClient(umpin);
            assertEquals(405, alice.get("sign-in").statusCode(), "a GET of the sign-in's form action");
            assertEquals(404, alice.get("no-such-page").statusCode());
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
            assertEquals(303, alice.signIn("alice", "demo"));
            alice.post("pin", Map.of("current", "000000", "new", "739164", "repeat", "739164"));
            assertTrue(alice.get("").body().contains("The current PIN is wrong."));
            alice.post("pin", Map.of("current", PinMail.of(smtp.awaitAccepted(1).get(0)).pin(), "new", "1234", "repeat", "1234"));
            assertTrue(alice.get("").body().contains("id=\"pin-refused\""));

            List<String> noisy = log.lines().stream().filter(line -> line.startsWith("ERROR")
                    || !line.startsWith("DEBUG") && (line.contains("\tat ") || line.contains("Failed delivery"))).toList();
            assertEquals(List.of(), noisy, "an expected refusal is one line at most, no trace, never at ERROR");
        }
        assertEquals(200, umpin.resetPin("dominique", "demo").statusCode(), "the service stays up");
    }
}
