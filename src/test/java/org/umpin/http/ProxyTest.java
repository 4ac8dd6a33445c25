package org.umpin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.app.StartupException;
import org.umpin.testing.Nginx;
import org.umpin.testing.RawHttp;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapClient;
import org.umpin.testing.UmpinServer;

/**
 * umpin behind a reverse proxy (umpin.proxy.*): a real nginx on loopback forwards to umpin with
 * X-Forwarded-For. Clients are told apart by their own loopback addresses (127.0.0.5, ...), so
 * that the client's address and nginx's (127.0.0.1) differ on one machine.
 */
class ProxyTest {

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();

    private static final InetAddress CLIENT = address("127.0.0.5");
    private static final InetAddress OTHER_CLIENT = address("127.0.0.6");

    @Test
    @Tag("nginx") // a real nginx in front
    void behindNginxTheAuditAndTheFailedLoginBoundSeeTheClientNotTheProxy() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.proxy.trusted", "127.0.0.1",
                "umpin.throttle.failed-logins-per-address", "3"));
        try (Nginx nginx = Nginx.proxyTo(umpin.port())) {
            // the client's own X-Forwarded-For is kept by nginx on the left, and is not believed
            String forged = "X-Forwarded-For: 203.0.113.66\r\n";
            for (int i = 0; i < 3; i++) {
                assertEquals(401, reset(CLIENT, nginx.port(), "alice", "wrong", forged).status());
            }
            assertEquals(429, reset(CLIENT, nginx.port(), "dominique", "demo", "").status(), "this client's address failed 3 times");
            RawHttp.Response other = reset(OTHER_CLIENT, nginx.port(), "dominique", "demo", forged);
            assertEquals(200, other.status(), "another client behind the same proxy is not locked out: " + other.all());

            assertEquals(List.of("127.0.0.5 login_failed", "127.0.0.5 login_failed", "127.0.0.5 login_failed"),
                    rows(umpin, "alice"));
            assertEquals(List.of("127.0.0.5 login_refused", "127.0.0.6 success"), rows(umpin, "dominique"));

            // the telephony API, on the same port, sees the client too
            String ivr = Base64.getEncoder().encodeToString("ivr:demo".getBytes(StandardCharsets.UTF_8));
            byte[] logon = "{\"mailbox\":\"36697\",\"pin\":\"000000\"}".getBytes(StandardCharsets.UTF_8);
            RawHttp.Response answer = RawHttp.sendFrom(OTHER_CLIENT, nginx.port(), "POST /pin/v1/logon HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Basic " + ivr + "\r\nContent-Type: application/json\r\nContent-Length: " + logon.length, logon);
            assertEquals(200, answer.status(), answer.all());
            assertEquals("127.0.0.6", umpin.view().audit("alice").stream().filter(row -> "logon".equals(row.get("action")))
                    .findFirst().orElseThrow().get("client_address"));
        }
    }

    @Test
    void aForwardedHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.proxy.trusted", "127.0.0.1"));

        RawHttp.Response direct = reset(CLIENT, umpin.port(), "alice", "demo", "X-Forwarded-For: 198.51.100.7\r\n");

        assertEquals(200, direct.status(), direct.all());
        assertEquals(List.of("127.0.0.5 success"), rows(umpin, "alice"), "the TCP peer, not what it claims");
    }

    @Test
    @Tag("nginx") // a real nginx in front
    void withoutTrustedProxiesNobodysForwardedHeaderIsRead() throws Exception {
        UmpinServer umpin = umpins.start(Map.of());
        try (Nginx nginx = Nginx.proxyTo(umpin.port())) {
            assertEquals(200, reset(CLIENT, nginx.port(), "alice", "demo", "").status());
        }
        assertEquals(List.of("127.0.0.1 success"), rows(umpin, "alice"), "every client is the proxy, as before umpin.proxy.trusted");
    }

    /**
     * The plain-HTTP rule reads the client and the scheme it used: a trusted proxy that forwards a
     * client from elsewhere over plain HTTP is refused, and over HTTPS (X-Forwarded-Proto) served.
     * Here the test itself, from 127.0.0.1, is the trusted proxy.
     */
    @Test
    void thePlainHttpRuleSeesTheForwardedClientAndScheme() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.proxy.trusted", "127.0.0.0/30, 10.0.0.0/8"));
        InetAddress proxy = address("127.0.0.1");

        assertEquals(403, reset(proxy, umpin.port(), "alice", "demo",
                "X-Forwarded-For: 203.0.113.9, 10.1.2.3\r\nX-Forwarded-Proto: http\r\n").status(), "the password crossed a network in clear");
        assertEquals(403, reset(proxy, umpin.port(), "alice", "demo", "X-Forwarded-For: 203.0.113.9\r\n").status(),
                "no X-Forwarded-Proto: plain HTTP");
        RawHttp.Response https = reset(proxy, umpin.port(), "alice", "demo",
                "X-Forwarded-For: 203.0.113.9, 10.1.2.3\r\nX-Forwarded-Proto: https\r\n");
        assertEquals(200, https.status(), https.all());
        assertEquals(List.of("203.0.113.9 success"), rows(umpin, "alice"), "the right-most address that is no trusted proxy");
    }

    @Test
    void theStandardForwardedHeaderWhenChosen() throws Exception {
        UmpinServer umpin = umpins.start(Map.of("umpin.proxy.trusted", "127.0.0.1", "umpin.proxy.header", "Forwarded"));
        InetAddress proxy = address("127.0.0.1");

        RawHttp.Response answer = reset(proxy, umpin.port(), "alice", "demo",
                "X-Forwarded-For: 198.51.100.1\r\nForwarded: for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https\r\n");

        assertEquals(200, answer.status(), answer.all());
        assertEquals(List.of("2001:db8:cafe:0:0:0:0:17 success"), rows(umpin, "alice"), "X-Forwarded-For is not read");
    }

    @Test
    void aBadTrustedListStopsTheStartNamingTheSetting() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> umpins.start(Map.of("umpin.proxy.trusted", "10.0.0.0/33")));
        assertEquals("setting umpin.proxy.trusted: \"10.0.0.0/33\" has a prefix length outside 0-32", StartupException.reason(e));
    }

    private static RawHttp.Response reset(InetAddress from, int port, String login, String password, String headers)
            throws Exception {
        String credentials = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RawHttp.postFrom(from, port, "Authorization: Basic " + credentials + "\r\n" + headers,
                SoapClient.resetPinRequest().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rows(UmpinServer umpin, String mailbox) throws Exception {
        return umpin.view().audit(mailbox).stream().map(row -> row.get("client_address") + " " + row.get("outcome")).toList();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
