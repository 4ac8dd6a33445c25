package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.Browser;
import org.umpin.testing.Kdc;
import org.umpin.testing.UmpinServer;

/**
 * Windows integrated sign-in on the pages: headless Chromium that holds alice's Kerberos ticket
 * (a ticket cache from kinit, the host on --auth-server-allowlist), and curl, open /voicemail/
 * signed in, without the form; a browser without a ticket gets the form, in the 401's body, and
 * signs in with it.
 */
class NegotiatePageTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static Kdc kdc;
    static UmpinServer umpin;

    @BeforeAll
    static void start() throws Exception {
        kdc = Kdc.get();
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), kdc.umpinSettings());
    }

    @AfterAll
    static void stop() {
        if (umpin != null) {
            umpin.close();
        }
    }

    private static String page() {
        return "http://localhost:" + umpin.port() + "/voicemail/";
    }

    @Tag("browser")
    @Test
    void aBrowserWithATicketIsSignedInWithoutTheForm() throws Exception {
        Path ccache = kdc.kinit("alice", "10h");
        Map<String, String> env = new java.util.HashMap<>(kdc.env(ccache));
        // on Linux Chromium loads its GSS-API library only in a profile that met a Negotiate
        // challenge before (its network service is then started outside its sandbox): this one has
        env.put("LOCAL_STATE", "{\"net\":{\"received_http_auth_negotiate_headers\":true}}");
        try (Browser browser = Browser.open("en-US", 1024, env, java.util.List.of("--auth-server-allowlist=localhost"))) {
            assertEquals(200, browser.go(page()), "Chromium answered the 401's Negotiate with alice's ticket");
            assertEquals(0, browser.count("#login"), "no sign-in form");
            assertTrue(browser.text("#mailbox").contains("Alice Martin"), browser.text("#mailbox"));
            browser.click("#reset");
            assertEquals(1, SMTP.getReceivedMessages().length, "signed in for real: the reset mailed alice");
            browser.click("header button"); // sign out
            assertEquals(1, browser.count("#login"), "signed out, the form, not the ticket again");
            assertEquals(200, browser.go(page()), "after a sign-out, no Negotiate: the form");
            assertEquals(1, browser.count("#login"));
        }
    }

    @Test
    void aClientWithATicketIsSignedInWithoutTheForm() throws Exception {
        // curl as a browser: it answers the sign-in page's 401 Negotiate with alice's ticket and
        // follows the 303 with the session's cookie
        Path ccache = kdc.kinit("alice", "10h");
        Path cookies = ccache.resolveSibling(ccache.getFileName() + ".cookies");
        ProcessBuilder curl = new ProcessBuilder("curl", "-s", "-L", "--negotiate", "-u", ":", "-c", cookies.toString(),
                "-b", cookies.toString(), "-w", "\n%{http_code} %{num_redirects}", page());
        curl.environment().putAll(kdc.env(ccache));
        Process process = curl.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertTrue(output.endsWith("\n200 1"), "401, the ticket, a 303 with the cookie, the page: " + output);
        assertTrue(output.contains("Alice Martin") && !output.contains("id=\"login\""), output);
        assertTrue(java.nio.file.Files.readString(cookies).contains("umpin-session"), "a session of the pages");
    }

    @Tag("browser")
    @Test
    void aBrowserWithoutATicketGetsTheFormInThe401() throws Exception {
        try (Browser browser = Browser.open("en-US", 1024)) {
            assertEquals(401, browser.go(page()));
            assertEquals(1, browser.count("#login"), "the form is the 401's body");
            browser.fill("#login", "bob");
            browser.fill("#password", "demo");
            browser.click("button[type=submit]");
            assertTrue(browser.text("#mailbox").contains("Bob Kelly"), "the form still signs in");
        }
    }
}
