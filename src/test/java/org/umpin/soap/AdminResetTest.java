package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/**
 * An administrator's reset of another mailbox (requests/reset-pin-as-administrator.xml): who
 * may, where the PIN goes, what everyone else gets, and the audit row naming both.
 */
class AdminResetTest {

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private UmpinServer umpin;
    private final String asAdministrator;

    AdminResetTest() throws Exception {
        asAdministrator = Files.readString(Path.of("requests/reset-pin-as-administrator.xml"), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void start() throws Exception {
        umpin = umpins.start(Map.of("umpin.admin.members", "Dominique, erin", "umpin.throttle.resets-per-hour", "1"));
    }

    @Test
    void anAdministratorResetsAnotherMailboxItsPinMailedToTheMailbox() throws Exception {
        HttpResponse<String> response = post(withoutNotifyEmail(asAdministrator), "CONTOSO\\dominique");

        assertEquals(200, response.statusCode(), response.body());
        MimeMessage mail = smtp.awaitAccepted(1).get(0);
        assertEquals("alice@contoso.example", mail.getAllRecipients()[0].toString());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(mail).pin()), "alice's PIN was reset");
        assertTrue(umpin.pinState("dominique").isEmpty(), "not the administrator's own");
        Map<String, String> row = umpin.view().audit("alice").get(0);
        assertEquals("CONTOSO\\dominique", row.get("login"), "the audit names the administrator");
        assertEquals("success", row.get("outcome"));
    }

    @Test
    void anAdministratorMayHaveThePinSentToAnotherAddress() throws Exception {
        HttpResponse<String> response = post(asAdministrator, "erin");

        assertEquals(200, response.statusCode(), response.body());
        MimeMessage mail = smtp.awaitAccepted(1).get(0);
        assertEquals("helpdesk@contoso.example", mail.getAllRecipients()[0].toString());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(mail).pin()));
    }

    @Test
    void anyoneElseIsDeniedAndNothingHappens() throws Exception {
        HttpResponse<String> response = post(asAdministrator.replace("alice@", "dominique@"), "alice");

        SoapFault fault = SoapFault.expect(response, "ErrorImpersonationDenied");
        assertEquals("The account does not have permission to impersonate the requested user.", fault.faultString());
        assertEquals(0, umpin.view().auditFaults("ErrorImpersonationDenied") - 1, "audited");
        assertTrue(umpin.pinState("dominique").isEmpty());
        assertTrue(umpin.pinState("alice").isEmpty());
        assertEquals(List.of(), smtp.accepted());
    }

    @Test
    void anAdministratorNamingNoMailboxIsTold() throws Exception {
        SoapFault.expect(post(asAdministrator.replace("alice@contoso.example", "nobody@contoso.example"), "erin"),
                "ErrorNonExistentMailbox");
        assertEquals(List.of(), smtp.accepted());
    }

    @Test
    void malformedImpersonationIsAnInvalidRequest() throws Exception {
        String sid = asAdministrator.replace("<t:PrimarySmtpAddress>alice@contoso.example</t:PrimarySmtpAddress>",
                "<t:SID>S-1-5-21-1-2-3-1001</t:SID>");
        String notOneAddress = asAdministrator.replace("helpdesk@contoso.example",
                "a@contoso.example, b@evil.example");
        String notifyAlone = asAdministrator.replaceAll("(?s)<t:ExchangeImpersonation>.*</t:ExchangeImpersonation>", "");
        for (String request : List.of(sid, notOneAddress, notifyAlone)) {
            SoapFault.expect(post(request, "erin"), "ErrorInvalidRequest");
        }
        assertEquals(List.of(), smtp.accepted());
    }

    @Test
    void theHourlyLimitHoldsForTheMailboxNotForItsAdministrator() throws Exception {
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        assertEquals(200, post(withoutNotifyEmail(asAdministrator), "erin").statusCode(), "the administrator is not held");
        SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");
    }

    private HttpResponse<String> post(String body, String login) throws Exception {
        return umpin.post(body, login, "demo", Map.of());
    }

    private static String withoutNotifyEmail(String request) {
        return request.replaceAll("<u:NotifyEmail>.*</u:NotifyEmail>", "");
    }
}
