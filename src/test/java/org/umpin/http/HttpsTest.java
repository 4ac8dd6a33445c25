package org.umpin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.app.StartupException;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapClient;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.TestKeyStore;
import org.umpin.testing.UmpinServer;

/**
 * HTTPS from a PKCS#12 key store, over real TLS; and plain HTTP, where only a loopback client
 * may send credentials unless umpin.auth.allow-basic-over-http says otherwise.
 */
class HttpsTest {

    @TempDir
    Path temp;
    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private UmpinServer umpin;

    @Test
    void aResetOverHttpsAndNothingOverPlainHttpOnThatPort() throws Exception {
        TestKeyStore keys = TestKeyStore.create(temp);
        umpin = umpins.start(Map.of(keys.settings().get(0), keys.settings().get(1),
                keys.settings().get(2), keys.settings().get(3)));
        URI https = URI.create("https://127.0.0.1:" + umpin.port() + "/EWS/UM2007Legacy.asmx");
        SoapClient client = new SoapClient(https, keys.client());

        HttpResponse<String> response = client.resetPin("alice", "demo");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(smtp.awaitAccepted(1).get(0)).pin()));
        assertEquals(401, client.resetPin("alice", "wrong").statusCode());
        assertTrue(client.get("?wsdl").body().contains("https://127.0.0.1:" + umpin.port()), "the WSDL names the https address");
        assertThrows(IOException.class, () -> umpin.resetPin("alice", "demo"), "no plain HTTP on the TLS port");
        assertThrows(SSLHandshakeException.class, () -> new SoapClient(https).resetPin("alice", "demo"),
                "a client that does not trust the certificate does not talk to it");
        assertEquals(1, smtp.accepted().size());

        TelephonyClient ivr = new TelephonyClient(URI.create("https://127.0.0.1:" + umpin.port() + "/pin/v1/"), "ivr", "demo",
                keys.client());
        assertEquals("wrong", ivr.logon("36697", "000000").text("result"), "the telephony API on the same port and certificate");

        HttpResponse<String> signedIn = keys.client().send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + umpin.port() + "/voicemail/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=alice&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, signedIn.statusCode(), "the voice mail page on the same port and certificate");
        assertTrue(signedIn.headers().firstValue("Set-Cookie").orElse("").endsWith("; HttpOnly; SameSite=Strict; Secure"),
                "over HTTPS the session's cookie never travels in clear: " + signedIn.headers().firstValue("Set-Cookie"));
        for (HttpResponse<String> answer : List.of(response, signedIn, client.get("?wsdl"), client.resetPin("alice", "wrong"))) {
            assertEquals(Optional.of("max-age=31536000"), answer.headers().firstValue("Strict-Transport-Security"),
                    "a browser that came once keeps to HTTPS: " + answer.uri());
        }
        assertEquals(Optional.empty(), umpins.start(Map.of()).get("?wsdl").headers().firstValue("Strict-Transport-Security"),
                "not over plain HTTP, where it means nothing");
    }

    /** Behind a proxy the WSDL names the address clients reach, from the setting; and a bad one stops the start. */
    @Test
    void theWsdlNamesThePublicUrlWhenSet() throws Exception {
        umpin = umpins.start(Map.of("umpin.soap.public-url", "https://umpin.contoso.example/EWS/UM2007Legacy.asmx"));
        String wsdl = umpin.get("?wsdl").body();
        assertTrue(wsdl.contains("location=\"https://umpin.contoso.example/EWS/UM2007Legacy.asmx\""), wsdl);

        Exception e = assertThrows(Exception.class, () -> umpins.start(Map.of("umpin.soap.public-url", "umpin.contoso.example")));
        assertTrue(StartupException.reason(e).startsWith("setting umpin.soap.public-url must be the endpoint's http:// or https:// URL"),
                StartupException.reason(e));
    }

    @Test
    void aBadKeyStoreStopsTheStartWithItsReason() throws Exception {
        TestKeyStore keys = TestKeyStore.create(temp);
        Exception e = assertThrows(Exception.class, () -> umpins.start(Map.of(
                "umpin.tls.key-store", keys.file().toString(), "umpin.tls.key-store-password", "wrong")));
        assertTrue(StartupException.reason(e).matches("setting umpin.tls.key-store: the key store .*umpin.p12 cannot be read: wrong password"),
                StartupException.reason(e));
    }

    @Test
    void overPlainHttpOnlyALoopbackClientMayLogIn() throws Exception {
        InetAddress lan = lanAddress().orElse(null);
        Assumptions.assumeTrue(lan != null, "this machine has no address but loopback");
        umpin = umpins.start(Map.of("umpin.soap.host", "0.0.0.0"));
        SoapClient fromLan = new SoapClient(URI.create("http://" + lan.getHostAddress() + ":" + umpin.port() + "/EWS/UM2007Legacy.asmx"));

        HttpResponse<String> refused = fromLan.resetPin("alice", "demo");

        assertEquals(403, refused.statusCode());
        assertEquals("", refused.body());
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode(), "from 127.0.0.1");
        assertEquals(1, smtp.accepted().size());
        TelephonyClient.Answer telephony = new TelephonyClient(URI.create("http://" + lan.getHostAddress() + ":" + umpin.port()
                + "/pin/v1/"), "ivr", "demo").logon("36697", "000000");
        assertEquals(403, telephony.status(), "the telephony API keeps the rule: " + telephony.body());
        assertEquals(0, umpin.pinState("alice").orElseThrow().failedLogons());
        assertEquals(2.0, umpin.management().sample("umpin_http_refusals_total{status=\"403\"}"));
    }

    @Test
    void plainHttpFromAnotherHostWhenAllowed() throws Exception {
        InetAddress lan = lanAddress().orElse(null);
        Assumptions.assumeTrue(lan != null, "this machine has no address but loopback");
        umpin = umpins.start(Map.of("umpin.soap.host", "0.0.0.0", "umpin.auth.allow-basic-over-http", "true"));
        SoapClient fromLan = new SoapClient(URI.create("http://" + lan.getHostAddress() + ":" + umpin.port() + "/EWS/UM2007Legacy.asmx"));

        assertEquals(200, fromLan.resetPin("alice", "demo").statusCode());
    }

    /** An address of this machine that is not loopback: a client connecting to it is not on loopback for the server. */
    private static Optional<InetAddress> lanAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }
}
