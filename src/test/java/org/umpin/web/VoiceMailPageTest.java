package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.umpin.testing.Browser;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.Commands;
import org.umpin.testing.PinMail;
import org.umpin.testing.SoapClient;
import org.umpin.testing.UmpinServer;

/**
 * The self-service page (/voicemail/) in a real browser: headless Chromium driven by Playwright
 * ({@link Browser}), against umpin with its embedded mail server, whose IMAP side the test reads
 * as the user would. Each page's screenshot goes to target/screenshots/ (docs/images/ with
 * {@code -Dscreenshots=docs/images}: what docs/pages.md shows).
 */
@Tag("browser") // headless Chromium, driven by playwright-core
class VoiceMailPageTest {

    /** target/screenshots; {@code -Dscreenshots=docs/images} refreshes the ones docs/pages.md shows. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));

    private UmpinServer umpin;
    private int imapPort;
    private String page;

    @BeforeEach
    void start() throws Exception {
        int smtpPort = UmpinServer.freePort();
        imapPort = UmpinServer.freePort();
        umpin = UmpinServer.start(smtpPort, Map.of("umpin.mail.embedded", "true",
                "umpin.mail.embedded.imap-port", Integer.toString(imapPort),
                "umpin.demo.mailboxes", "config/demo-mailboxes.csv"));
        page = umpin.endpoint().resolve("/voicemail/").toString();
    }

    @AfterEach
    void stop() {
        umpin.close();
    }

    private Commands.Run pinVerify(String login, String pin) {
        return Commands.runOn(umpin, "pin", "verify", login, pin);
    }

    /**
     * Nothing the page needs was refused: no Content-Security-Policy violation, no missing
     * resource (the answers a test provokes, 401 and 403, are the page itself, not a resource).
     */
    private static void assertNothingRefused(Browser browser) throws Exception {
        assertEquals(List.of(), browser.problems().stream().filter(problem -> problem.contains("Content Security Policy")
                || problem.contains("status of 404") || problem.startsWith("request failed")).toList());
    }

    private static void signIn(Browser browser, String login, String password) throws Exception {
        browser.fill("#login", login);
        browser.fill("#password", password);
        browser.click("button[type=submit]");
    }

    @Test
    void aliceResetsHerPinAndTheMailBringsAPinThatWorks() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024); CapturedLog log = CapturedLog.attach()) {
            assertEquals(200, browser.go(page));
            assertEquals("login", browser.focused(), "the user name field has the focus: the keyboard is enough");
            browser.screenshot(SCREENSHOTS.resolve("voicemail-sign-in.png"));
            signIn(browser, "alice", "demo");
            assertEquals("Voice mail of Alice Martin", browser.text("#mailbox"));
            assertEquals("You have no PIN yet: reset it to receive one.", browser.text("section p"));

            browser.click("#reset");
            assertEquals("Your PIN was reset. The new PIN was sent to alice@contoso.example.", browser.text(".notice"));
            assertEquals("Expired: choose a new one at your next telephone logon.", browser.text("#pin-state"),
                    "a reset PIN is to be changed at the first logon, as Exchange's");
            assertEquals("Not locked", browser.text("#pin-lockout"));
            browser.screenshot(SCREENSHOTS.resolve("voicemail-page.png"));

            List<String> pins = PinMail.overImap(imapPort, "alice@contoso.example", "demo");
            assertEquals(1, pins.size(), "one e-mail, read over IMAP");
            assertTrue(umpin.isCurrentPin("alice", pins.get(0)), "the mailed PIN is the stored one");
            assertEquals(0, pinVerify("alice", pins.get(0)).status(), "and the administrator's pin verify accepts it");
            assertEquals(1, pinVerify("alice", "000000").status(), "and no other");
            String pin = pins.get(0);
            assertFalse(browser.html().contains(pin), "the page never shows the PIN");
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(pin)), "nor does the log");
            List<Map<String, String>> audit = umpin.view().audit("alice");
            audit.forEach(row -> assertFalse(row.containsValue(pin), "nor the audit trail: " + row));
            Map<String, String> last = audit.get(audit.size() - 1);
            assertEquals("pin-reset", last.get("action"));
            assertEquals("success", last.get("outcome"));
            assertEquals("alice", last.get("login"), "who did it");
            assertNothingRefused(browser);
        }
    }

    @Test
    void aliceChoosesHerOwnPinAndEachBrokenRuleIsSaidInWords() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024); CapturedLog log = CapturedLog.attach()) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            assertEquals(0, browser.count("#choose"), "no current PIN, nothing to change: only the reset");
            browser.click("#reset");
            String mailed = PinMail.overImap(imapPort, "alice@contoso.example", "demo").get(0);

            choose(browser, mailed, "1234", "1234");
            assertEquals(List.of("It is shorter than your PIN policy allows (6 digits at least).",
                    "Its digits simply count up, count down or repeat (123456, 654321, 111111)."),
                    List.of(browser.evaluate("[...document.querySelectorAll('#pin-refused li')].map(li => li.textContent).join('|')")
                            .split("\\|")));
            choose(browser, mailed, "739164", "739146");
            assertEquals("The two new PINs differ. Your PIN was not changed.", browser.text(".error"));
            choose(browser, "000000", "739164", "739164");
            assertEquals("The current PIN is wrong. Your PIN was not changed.", browser.text(".error"));
            assertTrue(umpin.isCurrentPin("alice", mailed), "nothing changed so far");

            choose(browser, mailed, "739164", "739164");
            assertEquals("Your PIN was changed.", browser.text(".notice"));
            assertEquals("Valid", browser.text("#pin-state"), "a PIN of her own is not expired");
            assertTrue(umpin.isCurrentPin("alice", "739164"));
            choose(browser, "739164", mailed, mailed);
            assertTrue(browser.text("#pin-refused li").equals("It is one of your recent PINs."), browser.text("#pin-refused"));

            for (String pin : List.of(mailed, "739164")) {
                assertFalse(browser.html().contains(pin), "no PIN in the page");
                assertTrue(log.lines().stream().noneMatch(line -> line.contains(pin)), "no PIN in the log");
                umpin.view().audit("alice").forEach(row -> assertFalse(row.containsValue(pin), "no PIN in the audit: " + row));
            }
            List<String> actions = umpin.view().audit("alice").stream().map(row -> row.get("action") + " " + row.get("outcome")).toList();
            assertTrue(actions.containsAll(List.of("pin-change refused", "pin-change wrong-pin", "pin-change changed")),
                    "each attempt audited as the telephony API's: " + actions);
            assertNothingRefused(browser);
        }
    }

    @Test
    void theSettingsSavedOnThePageAreWhatGetUmPropertiesAnswers() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            assertEquals(List.of("false", "true", ""), getUmProperties().subList(0, 3), "the defaults");
            assertEquals("false", browser.evaluate("String(document.querySelector('#oof').checked)"));
            assertEquals("true", browser.evaluate("String(document.querySelector('#missed').checked)"));

            browser.click("#oof");
            browser.click("#missed");
            browser.fill("#dial", "+33 1 23 45 67 89");
            browser.click("#save-settings");
            assertEquals("Your settings were saved.", browser.text(".notice"));
            assertEquals(List.of("true", "false", "+33 1 23 45 67 89"), getUmProperties().subList(0, 3));
            assertEquals("+33 1 23 45 67 89", browser.evaluate("document.querySelector('#dial').value"), "the page reads them back");

            browser.fill("#dial", "call me maybe");
            browser.click("#oof");
            browser.click("#save-settings");
            assertEquals("The telephone number may hold only digits, + * # , ; ( ) . - and spaces, 64 at most."
                    + " Your settings were not saved.", browser.text(".error"));
            assertEquals(List.of("true", "false", "+33 1 23 45 67 89"), getUmProperties().subList(0, 3), "nothing saved");

            Map<String, String> oof = umpin.view().audit("alice").stream()
                    .filter(row -> "SetOofStatus".equals(row.get("action"))).findFirst().orElseThrow();
            assertEquals(List.of("success", "false", "true", "alice"),
                    List.of(oof.get("outcome"), oof.get("old_value"), oof.get("new_value"), oof.get("login")));
            assertNothingRefused(browser);
        }
    }

    @Test
    void theHelpDeskFindsAliceByExtensionUnlocksHerAndResetsHerToAnotherAddress() throws Exception {
        umpin.close();
        umpin = UmpinServer.start(UmpinServer.freePort(), Map.of("umpin.mail.embedded", "true",
                "umpin.mail.embedded.imap-port", Integer.toString(imapPort), "umpin.demo.mailboxes", "config/demo-mailboxes.csv",
                "umpin.admin.members", "erin", "umpin.policy.default.max-logon-attempts", "3",
                "umpin.policy.default.logon-failures-before-pin-reset", "unlimited"));
        page = umpin.endpoint().resolve("/voicemail/").toString();
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        for (int i = 0; i < 3; i++) {
            umpin.telephony("ivr", "demo").logon("36697", "000000");
        }
        assertTrue(umpin.pinState("alice").orElseThrow().lockedOut(), "alice is locked out");

        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            assertEquals(403, browser.go(page + "help-desk/"), "alice does not hold the administrator role");
            assertEquals("This page is for the help desk: your account does not hold the administrator role.", browser.text(".error"));
            browser.click("header button");

            signIn(browser, "erin", "demo");
            browser.go(page + "help-desk/");
            browser.fill("#q", "36697");
            browser.click("#find");
            assertEquals("Alice Martin (alice, 36697, alice@contoso.example)", browser.text("#found li"));
            browser.click("#found a");
            assertEquals("Locked after too many wrong PINs: a reset unlocks it.", browser.text("#desk-lockout"));
            browser.screenshot(SCREENSHOTS.resolve("voicemail-help-desk.png"));

            browser.click("#unlock");
            assertEquals("The mailbox was unlocked; its PIN is unchanged.", browser.text(".notice"));
            assertEquals("Not locked", browser.text("#desk-lockout"));
            assertFalse(umpin.pinState("alice").orElseThrow().lockedOut());

            browser.fill("#notify", "helpdesk@contoso.example");
            browser.click("#desk-reset");
            assertEquals("The PIN was reset and the new PIN sent to helpdesk@contoso.example.", browser.text(".notice"));
            List<String> pins = PinMail.overImap(imapPort, "helpdesk@contoso.example", "helpdesk@contoso.example");
            assertEquals(1, pins.size(), "the new PIN went to the address the help desk gave");
            assertTrue(umpin.isCurrentPin("alice", pins.get(0)));
            assertFalse(browser.html().contains(pins.get(0)), "no PIN on the help desk's page");
            assertEquals("pin-reset", browser.text("#desk-audit tbody tr td:nth-child(2)"), "the newest audit entry first");
            assertEquals("erin", browser.text("#desk-audit tbody tr td:nth-child(3)"), "with who did it");

            List<String> byErin = umpin.view().audit("alice").stream().filter(row -> "erin".equals(row.get("login")))
                    .map(row -> row.get("action") + " " + row.get("outcome")).toList();
            assertEquals(List.of("unlock success", "pin-reset success"), byErin);
            assertNothingRefused(browser);
        }
    }

    /** The sign-in's own rules, over plain HTTP without a browser: those of SOAP's login. */
    @Test
    void signInKeepsSoapsPlainHttpRuleAndFailedLoginBounds() throws Exception {
        umpin.close();
        umpin = UmpinServer.start(UmpinServer.freePort(), Map.of("umpin.demo.mailboxes", "config/demo-mailboxes.csv",
                "umpin.proxy.trusted", "127.0.0.1", "umpin.throttle.failed-logins-per-user", "2"));
        page = umpin.endpoint().resolve("/voicemail/").toString();
        HttpClient http = HttpClient.newHttpClient();
        BiFunction<String, String, HttpRequest> signIn = (password, from) ->
                HttpRequest.newBuilder(URI.create(page + "sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", from)
                        .POST(HttpRequest.BodyPublishers.ofString("login=alice&password=" + password)).build();
        HttpResponse<String> remote = http.send(signIn.apply("demo", "203.0.113.7"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, remote.statusCode(), "a password from another host over plain HTTP");
        assertTrue(remote.body().contains("This page accepts a password over HTTPS only."));
        assertFalse(remote.headers().firstValue("Set-Cookie").isPresent());

        for (int i = 0; i < 2; i++) {
            assertEquals(401, http.send(signIn.apply("wrong", "127.0.0.1"), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        HttpResponse<String> bounded = http.send(signIn.apply("demo", "127.0.0.1"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, bounded.statusCode(), "past umpin.throttle.failed-logins-per-user, the right password no longer helps");
        assertTrue(bounded.headers().firstValue("Retry-After").isPresent());
        assertEquals("login_refused", umpin.view().audit("alice").get(umpin.view().audit("alice").size() - 1).get("outcome"));
    }

    private List<String> getUmProperties() throws Exception {
        return SoapClient.values(umpin.operation("GetUMProperties", "", "alice", "demo"));
    }

    private static void choose(Browser browser, String current, String pin, String again) throws Exception {
        browser.fill("#current", current);
        browser.fill("#new", pin);
        browser.fill("#repeat", again);
        browser.click("#choose");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSignOutEndsIt() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            JsonNode cookie = browser.cookies().get(0);
            assertEquals("umpin-session", cookie.get("name").asText());
            assertTrue(cookie.get("httpOnly").asBoolean());
            assertEquals("Strict", cookie.get("sameSite").asText());
            assertEquals("", browser.evaluate("document.cookie"), "no script reads the session");

            browser.click("header button");
            assertEquals(1, browser.count("#login"), "signed out: the sign-in form again");
            browser.setCookie("umpin-session", cookie.get("value").asText(), page);
            browser.go(page);
            assertEquals(1, browser.count("#login"), "the old session, sent again, no longer opens the page");
            assertEquals("Your sign-in has ended: signed out, 15 minutes without activity, too long since you signed in,"
                    + " or a change to your account. Sign in again.", browser.text(".notice"));
            assertNothingRefused(browser);
        }
    }

    /**
     * Another origin of the same site (a page on another port of this host, which SameSite lets
     * the cookie go with) posts a sign-out: without the token, and with it. Both are refused, as
     * any form from another origin: the user is still signed in, on the server and in the browser.
     */
    @Test
    void aCrossOriginSignOutEndsNothing() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            String token = browser.evaluate("document.querySelector('header input[name=token]').value");
            HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            attacker.createContext("/", exchange -> {
                String forged = exchange.getRequestURI().getQuery() == null ? "forged" : exchange.getRequestURI().getQuery();
                byte[] html = ("<!DOCTYPE html><form method=\"post\" action=\"" + page + "sign-out\"><input name=\"token\" value=\""
                        + forged + "\"></form><script>document.forms[0].submit()</script>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                exchange.getResponseBody().write(html);
                exchange.close();
            });
            attacker.start();
            try {
                String elsewhere = "http://127.0.0.1:" + attacker.getAddress().getPort() + "/";
                for (String url : List.of(elsewhere, elsewhere + "?" + token)) {
                    browser.go(url);
                    browser.evaluate("new Promise(done => setTimeout(done, 500))");
                    assertTrue(browser.url().endsWith("/voicemail/sign-out"), "the form was sent: " + browser.url());
                    assertEquals("This form has expired. Reload the page and try again.", browser.text(".error"));
                    browser.go(page);
                    assertEquals("Voice mail of Alice Martin", browser.text("#mailbox"), "still signed in after " + url);
                }
            } finally {
                attacker.stop(0);
            }
            browser.click("header button");
            assertEquals(1, browser.count("#login"), "her own sign-out works");
        }
    }

    @Test
    void aWrongPasswordIsSaidInWordsAndOpensNothing() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "wrong");
            assertEquals("The user name or the password is wrong.", browser.text("#sign-in-error"));
            assertEquals(0, browser.cookies().size());
            List<Map<String, String>> audit = umpin.view().audit("alice");
            assertEquals("login_failed", audit.get(audit.size() - 1).get("outcome"));
            assertNothingRefused(browser);
        }
    }

    @Test
    void aResetWithoutTheFormTokenIsRefusedAndChangesNothing() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            browser.go(page);
            signIn(browser, "alice", "demo");
            // a forged form: the request a page of another site could make, without the session's token
            browser.evaluate("document.querySelector('form[action=reset] input[name=token]').value = 'forged'");
            browser.click("#reset");
            assertEquals("This form has expired. Reload the page and try again.", browser.text(".error"));
            assertTrue(umpin.pinState("alice").isEmpty(), "no PIN was set");
            assertEquals(List.of(), PinMail.overImap(imapPort, "alice@contoso.example", "demo"), "no e-mail");
            assertNothingRefused(browser);
        }
    }

    @Test
    void aFrenchMailboxReadsFrenchOnAPhonesScreen() throws Exception {
        try (Browser browser = Browser.open("fr-FR", 390)) {
            browser.go(page);
            assertEquals("Paramètres de messagerie vocale", browser.text("main h2"), "the browser's language before sign-in");
            signIn(browser, "dominique", "demo");
            assertEquals("fr", browser.evaluate("document.documentElement.lang"));
            assertEquals("Messagerie vocale de Dominique Lefèvre", browser.text("#mailbox"));
            assertEquals("0", browser.evaluate("String(document.documentElement.scrollWidth - window.innerWidth)"),
                    "nothing wider than a phone's screen");
            browser.click("#reset");
            assertTrue(browser.text(".notice").startsWith("Votre code PIN a été réinitialisé."), browser.text(".notice"));
            browser.screenshot(SCREENSHOTS.resolve("voicemail-page-fr-phone.png"));
            assertNothingRefused(browser);
        }
    }
}
