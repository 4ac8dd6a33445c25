package org.umpin.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.app.StartupException;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.PinMail;
import org.umpin.testing.Postfix;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinServer;

/**
 * umpin.mail.security, username, password and trust-store against a real relay: Postfix with
 * STARTTLS, SMTPS and a SASL login, relaying to GreenMail, where the test reads the mail.
 * GreenMail alone would not do: it has no STARTTLS (its issue #135 is open), so it stands here
 * only for a relay that does not offer it.
 */
@Tag("postfix") // a real Postfix relay
class MailRelayTest {

    @RegisterExtension
    static final GreenMailExtension MAILBOXES = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    private static Postfix relay;
    private UmpinServer umpin;

    @BeforeAll
    static void startRelay() throws Exception {
        relay = Postfix.relayingTo(MAILBOXES.getSmtp().getPort());
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (umpin != null) {
            umpin.close();
        }
        MAILBOXES.purgeEmailFromAllMailboxes();
    }

    private UmpinServer start(String security, String host, int port, String password) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("umpin.mail.security", security, "umpin.mail.host", host,
                "umpin.mail.port", Integer.toString(port), "umpin.mail.username", Postfix.USER,
                "umpin.mail.password", password, "umpin.mail.trust-store", relay.trustStore("trust-pass").toString(),
                "umpin.mail.trust-store-password", "trust-pass", "umpin.mail.retries", "0"));
        umpin = UmpinServer.start(MAILBOXES.getSmtp().getPort(), settings);
        return umpin;
    }

    @Test
    void aResetIsMailedOverStartTlsWithTheLogin() throws Exception {
        try (CapturedLog log = CapturedLog.attach()) {
            start("starttls", "localhost", relay.submissionPort(), Postfix.PASSWORD);

            HttpResponse<String> response = umpin.resetPin("alice", "demo");

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(MAILBOXES.waitForIncomingEmail(20_000, 1), "Postfix relayed the e-mail: " + relay.log());
            MimeMessage mail = MAILBOXES.getReceivedMessages()[0];
            assertEquals("alice@contoso.example", mail.getAllRecipients()[0].toString());
            assertTrue(umpin.isCurrentPin("alice", PinMail.of(mail).pin()));
            assertTrue(relay.log().contains("sasl_method=PLAIN, sasl_username=umpin") || relay.log().contains("sasl_username=umpin"),
                    relay.log());
            assertTrue(relay.log().matches("(?s).*starttls=1.*auth=1.*"), "STARTTLS, then the login: " + relay.log());
            assertEquals(200, umpin.management().get("/observe/health/ready").statusCode(), "the probe logs in too");
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(Postfix.PASSWORD)), "the relay's password is never logged");
        }
    }

    @Test
    void aResetIsMailedOverSmtps() throws Exception {
        start("smtps", "localhost", relay.smtpsPort(), Postfix.PASSWORD);

        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        assertTrue(MAILBOXES.waitForIncomingEmail(20_000, 1), relay.log());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(MAILBOXES.getReceivedMessages()[0]).pin()));
    }

    @Test
    void aWrongPasswordAtTheRelayFailsTheResetAndTheProbe() throws Exception {
        start("starttls", "localhost", relay.submissionPort(), "not-the-password");

        assertResetFailsWithPinUnchanged();
        assertEquals(503, umpin.management().get("/observe/health/ready").statusCode());
    }

    @Test
    void aRelayThatOffersNoStartTlsGetsNoMail() throws Exception {
        // GreenMail speaks plain SMTP only: the password and the PIN would cross in clear
        start("starttls", "127.0.0.1", MAILBOXES.getSmtp().getPort(), Postfix.PASSWORD);

        assertResetFailsWithPinUnchanged();
        assertEquals(0, MAILBOXES.getReceivedMessages().length, "not even a copy in clear");
        assertEquals(503, umpin.management().get("/observe/health/ready").statusCode());
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        // the certificate names localhost, and umpin connects to 127.0.0.1
        start("starttls", "127.0.0.1", relay.submissionPort(), Postfix.PASSWORD);

        assertResetFailsWithPinUnchanged();
        String ready = umpin.management().get("/observe/health/ready").body();
        assertTrue(ready.contains("DOWN"), ready);
    }

    @Test
    void aCertificateTheTrustStoreDoesNotHoldIsRefused() throws Exception {
        Map<String, String> settings = Map.of("umpin.mail.security", "starttls", "umpin.mail.host", "localhost",
                "umpin.mail.port", Integer.toString(relay.submissionPort()), "umpin.mail.retries", "0");
        umpin = UmpinServer.start(MAILBOXES.getSmtp().getPort(), settings);

        assertResetFailsWithPinUnchanged();
    }

    @Test
    void aLoginWithoutTlsStopsTheStart() {
        Exception e = assertThrows(Exception.class, () -> UmpinServer.start(MAILBOXES.getSmtp().getPort(),
                Map.of("umpin.mail.username", "umpin", "umpin.mail.password", "x")));
        assertEquals("setting umpin.mail.username: a login at the relay needs starttls or smtps: the password would cross"
                + " the network in clear", StartupException.reason(e));
    }

    private void assertResetFailsWithPinUnchanged() throws Exception {
        StoreView.StoredPin before = umpin.stored("alice");

        SoapFault fault = SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");

        assertEquals(before, umpin.stored("alice"), "the PIN is unchanged");
        assertFalse(fault.faultString().contains(Postfix.PASSWORD));
        assertEquals(List.of("fault"), umpin.view().audit("alice").stream().map(row -> row.get("outcome")).toList());
    }
}
