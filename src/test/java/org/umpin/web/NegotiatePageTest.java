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
 * Windows integrated sign-in on the pages: a client that holds alice's Kerberos ticket opens
 * /voicemail/ signed in, without the form; a browser without one (headless Chromium) gets the
 * form, in the 401's body, and signs in with it.
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
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.auth.schemes", "negotiate,basic",
                "umpin.kerberos.keytab", kdc.keytab().toString(), "umpin.kerberos.principal", Kdc.SERVICE));
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

    @Test
    void aClientWithATicketIsSignedInWithoutTheForm() throws Exception {
        // curl as the browser: it answers the sign-in page's 401 Negotiate with alice's ticket and
        // follows the 303 with the session's cookie (Debian's headless Chromium does not offer
        // Negotiate here: docs/security.md)
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
