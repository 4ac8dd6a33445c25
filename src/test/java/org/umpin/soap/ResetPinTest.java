package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinRules;
import org.umpin.pin.PinStore;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.PinMail;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinExtension;
import org.umpin.testing.UmpinServer;

/** ResetPIN end to end: real HTTP in, real SMTP out (GreenMail), real H2 store. */
class ResetPinTest {

    @RegisterExtension
    static final UmpinExtension UMPIN = new UmpinExtension();
    static final GreenMailExtension SMTP = UMPIN.smtp();

    UmpinServer umpin = UMPIN.server();

    @Test
    void resetMailsANewPinThatIsStoredOnlyAsAHash() throws Exception {
        HttpResponse<String> response = umpin.resetPin("alice", "demo");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(
                "<ResetPINResponse xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/>"),
                response.body());
        MimeMessage message = onlyMail();
        assertEquals("alice@contoso.example", message.getAllRecipients()[0].toString());
        assertEquals("Voice Mail <voicemail@contoso.example>", message.getFrom()[0].toString());
        assertEquals("Your new voice mail PIN", message.getSubject());
        PinMail mail = PinMail.of(message);
        String pin = mail.pin();
        assertTrue(mail.text().contains("first time you call"), "the mail says the PIN must be changed");

        assertEquals(6, pin.length());
        assertTrue(PinRules.obeys(pin, PinPolicy.defaults("default"), "36697"), "the mailed PIN obeys the policy");
        assertTrue(umpin.isCurrentPin("alice", pin), "the mailed PIN is the stored PIN");
        assertFalse(umpin.isCurrentPin("alice", "000000"));

        PinStore.PinState state = umpin.pinState("alice").orElseThrow();
        assertTrue(state.pinHash().startsWith("$pbkdf2-sha256-hmac$"), state.pinHash());
        assertTrue(state.expired(), "a reset PIN must be changed at the first telephone logon");
        assertFalse(state.lockedOut());
        assertEquals(0, state.failedLogons());
        assertEquals(Duration.ofDays(60), Duration.between(state.setAt(), state.expiresAt(PinPolicy.defaults("default")).orElseThrow()));
        assertFalse(storeText().contains(pin), "the store holds the PIN in clear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE@contoso.example", "CONTOSO\\alice", "contoso\\Alice"})
    void theCallerMayLogInUnderEachOfItsNames(String login) throws Exception {
        HttpResponse<String> response = umpin.resetPin(login, "demo");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("alice@contoso.example", onlyMail().getAllRecipients()[0].toString());
    }

    @Test
    void eachResetReplacesThePinAndKeepsTheHistory() throws Exception {
        int before = historySize("dominique");
        umpin.resetPin("dominique", "demo");
        String first = PinMail.of(onlyMail()).pin();
        SMTP.purgeEmailFromAllMailboxes();
        umpin.resetPin("dominique", "demo");
        String second = PinMail.of(onlyMail()).pin();

        assertNotEquals(first, second, "a reset may not reuse a PIN of the history");
        assertTrue(umpin.isCurrentPin("dominique", second));
        assertFalse(umpin.isCurrentPin("dominique", first));
        assertEquals(Math.min(before + 2, PinPolicy.defaults("default").pinHistoryCount()), historySize("dominique"));
    }

    @Test
    void historyKeepsOnlyThePolicysCount() throws Exception {
        for (int i = 0; i < 7; i++) {
            assertEquals(200, umpin.resetPin("alice@contoso.example", "demo").statusCode());
        }
        assertEquals(PinPolicy.defaults("default").pinHistoryCount(), historySize("alice"));
    }

    @Test
    void frenchMailboxGetsAFrenchMail() throws Exception {
        assertEquals(200, umpin.resetPin("dominique", "demo").statusCode());

        MimeMessage message = onlyMail();
        assertEquals("Votre nouveau code confidentiel de messagerie vocale", message.getSubject());
        assertEquals("fr", message.getHeader("Content-Language")[0]);
        PinMail mail = PinMail.of(message);
        assertTrue(mail.text().contains("Bonjour Dominique Lefèvre"), mail.text());
        assertTrue(mail.html().contains("Votre nouveau code est"), mail.html());
        assertTrue(umpin.isCurrentPin("dominique", mail.pin()));
    }

    @Test
    void policyDecidesLengthAndTheResetPinText() throws Exception {
        assertEquals(200, umpin.resetPin("erin", "demo").statusCode());

        PinMail mail = PinMail.of(onlyMail());
        assertEquals(8, mail.pin().length(), "the strict policy asks for 8 digits");
        assertTrue(mail.text().contains("Call the help desk on extension 4357"), mail.text());
        assertEquals(Duration.ofDays(30), Duration.between(umpin.pinState("erin").orElseThrow().setAt(),
                umpin.pinExpiresAt("erin").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice:wrong", "carol:demo", "nobody:demo", "FABRIKAM\\alice:demo", "bob:"})
    void callersWithoutValidCredentialsGet401AndNoSoap(String credentials) throws Exception {
        HttpResponse<String> response = credentials.isEmpty()
                ? umpin.post(SoapClient.resetPinRequest(), null, null, Map.of())
                : umpin.resetPin(credentials.substring(0, credentials.indexOf(':')),
                        credentials.substring(credentials.indexOf(':') + 1));

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertEquals("", response.body());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aRefusedConnectionStaysUsableForTheRetryWithCredentials() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertEquals(401, umpin.resetPin("alice", "wrong").statusCode(), "request " + i);
        }
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
    }

    @Test
    void mailboxNotEnabledForUmGetsUserNotUmEnabledException() throws Exception {
        SoapFault.expectException(umpin.resetPin("bob", "demo"), "UserNotUmEnabledException");

        assertEquals(0, SMTP.getReceivedMessages().length);
        assertTrue(umpin.pinState("bob").isEmpty());
    }

    @Test
    void mailboxWithoutSmtpAddressGetsResetPinException() throws Exception {
        SoapFault fault = SoapFault.expectException(umpin.resetPin("frank", "demo"), "ResetPINException");

        assertTrue(fault.faultString().contains("SMTP address"), fault.faultString());
        assertTrue(umpin.pinState("frank").isEmpty());
    }

    @Test
    void noRequestHeaderReachesTheMailOrTheResponse() throws Exception {
        HttpResponse<String> response = umpin.post(SoapClient.resetPinRequest(), "alice", "demo",
                Map.of("X-Echo-Probe", "probe-value", "Cookie", "session=probe-cookie"));

        assertEquals(200, response.statusCode());
        List<String> names = new ArrayList<>(response.headers().map().keySet());
        names.replaceAll(String::toLowerCase);
        assertFalse(names.contains("x-echo-probe"), "response headers: " + names);
        assertFalse(names.contains("authorization"), "response headers: " + names);
        assertFalse(names.contains("soapaction"), "response headers: " + names);
        assertFalse(response.headers().map().toString().contains("probe"), response.headers().map().toString());

        for (Header header : Collections.list(onlyMail().getAllHeaders())) {
            String line = (header.getName() + ": " + header.getValue()).toLowerCase();
            assertFalse(line.contains("authorization") || line.contains("probe") || line.contains("soapaction")
                    || line.contains("cookie") || line.startsWith("camel"), "mail header " + line);
        }
    }

    @Test
    void wsdlIsServedForGeneratedClients() throws Exception {
        HttpResponse<String> response = umpin.get("?wsdl");

        assertEquals(200, response.statusCode());
        String wsdl = response.body();
        assertTrue(wsdl.contains("soapAction=\"" + SoapClient.SOAP_ACTION + "\""), wsdl);
        assertTrue(wsdl.contains("name=\"ResetPINSoapIn\"") && wsdl.contains("name=\"ResetPINSoapOut\""), wsdl);
        assertTrue(wsdl.contains("style=\"document\"") && wsdl.contains("use=\"literal\""), wsdl);
        assertTrue(wsdl.contains(umpin.endpoint().toString()), "the WSDL names the address it was fetched from");
    }

    /** A JAX-WS client (CXF) built from nothing but the served WSDL, as generated clients are. */
    @Test
    void aClientBuiltFromTheWsdlCanResetThePin() throws Exception {
        QName serviceName = new QName(SoapFault.MESSAGES, "UM2007Legacy");
        QName portName = new QName(SoapFault.MESSAGES, "UM2007LegacySoap");
        Service service = Service.create(URI.create(umpin.endpoint() + "?wsdl").toURL(), serviceName);
        Dispatch<Source> dispatch = service.createDispatch(portName, Source.class, Service.Mode.PAYLOAD);
        dispatch.getRequestContext().put(BindingProvider.USERNAME_PROPERTY, "alice");
        dispatch.getRequestContext().put(BindingProvider.PASSWORD_PROPERTY, "demo");

        Source reply = dispatch.invoke(new StreamSource(new StringReader(
                "<ResetPIN xmlns=\"" + SoapFault.MESSAGES + "\"/>")));

        StringWriter xml = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(reply, new StreamResult(xml));
        assertTrue(xml.toString().contains("ResetPINResponse"), xml.toString());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(onlyMail()).pin()));
    }

    @Test
    void noPinReachesALogLineOrAFault() throws Exception {
        List<String> pins = new ArrayList<>();
        List<String> lines;
        try (CapturedLog log = CapturedLog.attach()) {
            for (String login : List.of("alice", "dominique", "erin")) {
                assertEquals(200, umpin.resetPin(login, "demo").statusCode());
            }
            for (MimeMessage message : SMTP.getReceivedMessages()) {
                pins.add(PinMail.of(message).pin());
            }
            lines = log.lines();
        }
        assertEquals(3, pins.size());
        assertFalse(lines.isEmpty(), "nothing was logged, so nothing was checked");
        for (String line : lines) {
            for (String pin : pins) {
                assertFalse(line.contains(pin), "a PIN in the log: " + line);
            }
        }
    }

    private static MimeMessage onlyMail() {
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length, "mails received");
        return received[0];
    }

    private int historySize(String login) throws Exception {
        try (Connection c = umpin.store(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pin_history WHERE mailbox_id = "
                     + umpin.mailbox(login).id())) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Every value of every PIN table, as text. */
    private String storeText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = umpin.store(); Statement s = c.createStatement()) {
            for (String table : List.of("pin_state", "pin_history", "mailbox")) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    while (r.next()) {
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            all.append(r.getString(i)).append('|');
                        }
                    }
                }
            }
        }
        return all.toString();
    }
}
