package org.umpin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.Kdc;
import org.umpin.testing.KerberosClient;
import org.umpin.testing.PinMail;
import org.umpin.testing.SoapClient;
import org.umpin.testing.UmpinServer;

/**
 * Windows integrated sign-in on the SOAP endpoint: HTTP Negotiate with Kerberos against a real
 * MIT KDC on loopback ({@link Kdc}), with real clients: curl after kinit, and the JDK's own
 * GSS-API and HTTP client. Refused tickets (another service's, garbage, replayed) are 401s and
 * failed logins.
 */
class NegotiateTest {

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

    @BeforeEach
    void noMail() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** The endpoint as clients name it: Kerberos asks for the ticket of HTTP/localhost. */
    private static String url() {
        return "http://localhost:" + umpin.port() + "/EWS/UM2007Legacy.asmx";
    }

    @Test
    void aChallengeOffersNegotiateFirstThenBasic() throws Exception {
        HttpResponse<String> challenge = umpin.resetPin(null, null);
        assertEquals(401, challenge.statusCode());
        assertEquals(List.of("Negotiate", "Basic realm=\"umpin\", charset=\"UTF-8\""),
                challenge.headers().allValues("WWW-Authenticate"));
        assertEquals(200, umpin.operation("IsUMEnabled", "", "bob", "demo").statusCode(), "Basic still works beside it");
    }

    @Test
    void curlAfterKinitResetsAlicesPin() throws Exception {
        Path ccache = kdc.kinit("alice", "10h");
        ProcessBuilder curl = new ProcessBuilder("curl", "-s", "-o", "/dev/stderr", "-w", "%{http_code}", "--negotiate", "-u", ":",
                "-H", "Content-Type: text/xml; charset=utf-8",
                "-H", "SOAPAction: \"http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN\"",
                "--data-binary", "@requests/reset-pin.xml", url());
        curl.environment().putAll(kdc.env(ccache));
        Process process = curl.start();
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String body = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertEquals("200", status, body);
        assertTrue(body.contains("ResetPINResponse"), body);
        assertEquals(1, SMTP.getReceivedMessages().length);
        assertEquals("alice@contoso.example", SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString());
        String pin = PinMail.of(SMTP.getReceivedMessages()[0]).pin();
        assertTrue(umpin.isCurrentPin("alice", pin), "the mailed PIN is alice's");
        List<Map<String, String>> audit = umpin.view().audit("alice");
        Map<String, String> row = audit.get(audit.size() - 1);
        assertEquals("ResetPIN", row.get("action"));
        assertEquals("kerberos:alice@CONTOSO.EXAMPLE", row.get("login"), "how alice signed in");
    }

    @Test
    void theJdksOwnClientReadsTheWsdlAndCallsGetUmProperties() throws Exception {
        KerberosClient alice = KerberosClient.fromTicketCache("alice", kdc.kinit("alice", "10h"));
        SoapClient client = new SoapClient(java.net.URI.create(url()));
        HttpResponse<String> wsdl = client.get("?wsdl");
        assertEquals(200, wsdl.statusCode());
        HttpResponse<String> properties = client.post(SoapClient.request("GetUMProperties", ""), null, null,
                Map.of("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/GetUMProperties\"",
                        "Authorization", "Negotiate " + alice.token("localhost")));
        assertEquals(200, properties.statusCode(), properties.body());
        assertTrue(properties.body().contains("<OofStatus>"), properties.body());
        assertTrue(properties.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Negotiate "),
                "the service's answer token: mutual authentication");
    }

    @Test
    void aTicketForAnotherServiceGarbageAndAReplayAreRefusedAndCounted() throws Exception {
        KerberosClient dominique = KerberosClient.fromTicketCache("dominique", kdc.kinit("dominique", "10h"));
        int failedBefore = failedLogins();
        HttpResponse<String> other = negotiate(dominique.token("otherhost"));
        assertEquals(401, other.statusCode(), "a ticket for HTTP/otherhost");
        assertEquals(List.of("Negotiate", "Basic realm=\"umpin\", charset=\"UTF-8\""), other.headers().allValues("WWW-Authenticate"));
        assertEquals(401, negotiate("YIIBAAYGKwYBBQUCoIIB").statusCode(), "a defective token");
        assertEquals(401, negotiate("not base64 at all!").statusCode());

        String token = dominique.token("localhost");
        assertEquals(200, negotiate(token).statusCode(), "dominique's own ticket");
        assertEquals(401, negotiate(token).statusCode(), "the same authenticator again: a replay");
        assertEquals(failedBefore + 4, failedLogins(), "each refused ticket is a failed login");
        assertFalse(umpin.view().audit("(a refused kerberos ticket)").isEmpty(), "audited under the refused ticket's name");
    }

    @Test
    void anExpiredTicketIsRefusedAndCounted() throws Exception {
        // a ticket of 3 seconds, its token made at once and sent once it has expired (clock skew: 1 s)
        KerberosClient dominique = KerberosClient.fromTicketCache("dominique", kdc.kinit("dominique", "3s"));
        String fresh = dominique.token("localhost");
        String later = dominique.token("localhost"); // another authenticator of the same ticket: no replay
        assertEquals(200, negotiate(fresh).statusCode(), "the short ticket works while it lives");
        int failedBefore = failedLogins();
        // until the ticket's end and the realm's clock skew (1 s) have passed, as the service reckons them
        Instant expired = dominique.ticketsEnd().plusSeconds(1);
        while (!Instant.now().isAfter(expired)) {
            Thread.sleep(Math.max(1, Duration.between(Instant.now(), expired).toMillis() + 1));
        }
        assertEquals(401, negotiate(later).statusCode(), "the ticket inside the token has expired");
        assertEquals(failedBefore + 1, failedLogins());
    }

    @Test
    void aWrongKeytabOrPrincipalStopsTheStartWithOneLine() throws Exception {
        Map<String, String> wrongs = Map.of(
                "umpin.kerberos.keytab=" + kdc.otherKeytab(), "setting umpin.kerberos.keytab: " + kdc.otherKeytab()
                        + " holds no key of " + Kdc.SERVICE + " (umpin.kerberos.principal)",
                "umpin.kerberos.keytab=/nonexistent.keytab",
                        "setting umpin.kerberos.keytab: /nonexistent.keytab does not exist or cannot be read",
                "umpin.kerberos.principal=HTTP/localhost", "setting umpin.kerberos.principal must be the service's whole name, "
                        + "HTTP/<host>@<REALM>, not \"HTTP/localhost\"",
                "umpin.kerberos.keytab=", "Negotiate needs the service's Kerberos key: set umpin.kerberos.keytab and "
                        + "umpin.kerberos.principal",
                "umpin.auth.schemes=negotiate,kerberos", "setting umpin.auth.schemes must be basic, negotiate or both "
                        + "(negotiate,basic), each once, got \"negotiate,kerberos\"");
        for (Map.Entry<String, String> wrong : wrongs.entrySet()) {
            Map<String, String> settings = new java.util.HashMap<>(kdc.umpinSettings());
            String[] setting = wrong.getKey().split("=", 2);
            settings.put(setting[0], setting[1]);
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> UmpinServer.start(SMTP.getSmtp().getPort(), settings).close());
            assertEquals(wrong.getValue(), org.umpin.app.StartupException.reason(e), wrong.getKey());
        }
    }

    @Test
    void theTelephonyApiTakesNegotiateWhenItsSettingSaysSo() throws Exception {
        try (UmpinServer api = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of("umpin.telephony.auth-schemes", "negotiate",
                "umpin.kerberos.keytab", kdc.keytab().toString(), "umpin.kerberos.principal", Kdc.SERVICE))) {
            java.net.URI state = java.net.URI.create("http://localhost:" + api.port() + "/pin/v1/mailboxes/alice");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            HttpResponse<String> challenge = http.send(java.net.http.HttpRequest.newBuilder(state).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, challenge.statusCode());
            assertEquals(List.of("Negotiate"), challenge.headers().allValues("WWW-Authenticate"), "the API's own schemes");
            assertEquals(200, api.operation("IsUMEnabled", "", "bob", "demo").statusCode(),
                    "the SOAP endpoint keeps umpin.auth.schemes: Basic");
            String token = KerberosClient.fromTicketCache("ivr", kdc.kinit("ivr", "10h")).token("localhost");
            HttpResponse<String> answered = http.send(java.net.http.HttpRequest.newBuilder(state)
                    .header("Authorization", "Negotiate " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("\"mailbox\":\"alice\""), answered.body());
        }
    }

    private static HttpResponse<String> negotiate(String token) throws Exception {
        return new SoapClient(java.net.URI.create(url())).post(SoapClient.request("GetUMProperties", ""), null, null,
                Map.of("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/GetUMProperties\"",
                        "Authorization", "Negotiate " + token));
    }

    private static int failedLogins() throws Exception {
        try (var c = umpin.store(); var s = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE outcome = 'login_failed'");
             var r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
