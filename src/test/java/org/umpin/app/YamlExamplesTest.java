package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/** Each route set under examples/yaml/, loaded beside routes/ as an operator would, and its effect on the wire and in the mail. */
class YamlExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private UmpinServer umpin;

    private UmpinServer withExample(String example, Map<String, String> settings) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:examples/yaml/" + example + "/*.camel.yaml");
        umpin = umpins.start(all);
        return umpin;
    }

    @Test
    void theHelpDeskGetsANoticeWithoutThePin() throws Exception {
        withExample("help-desk-notice", Map.of("umpin.help-desk.address", "helpdesk@contoso.example"));

        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());

        List<MimeMessage> mails = smtp.awaitAccepted(2);
        MimeMessage user = mails.stream().filter(m -> recipient(m).equals("alice@contoso.example")).findFirst().orElseThrow();
        MimeMessage notice = mails.stream().filter(m -> recipient(m).equals("helpdesk@contoso.example")).findFirst().orElseThrow();
        String pin = PinMail.of(user).pin();
        String text = notice.getSubject() + "\n" + notice.getContent();
        assertTrue(text.contains("Alice Martin (alice, extension 36697) was reset"), text);
        assertFalse(text.contains(pin), "no PIN in the help desk's notice: " + text);
        assertTrue(umpin.isCurrentPin("alice", pin));
    }

    @Test
    void noNoticeWhenTheUserGotNoMail() throws Exception {
        withExample("help-desk-notice", Map.of("umpin.help-desk.address", "helpdesk@contoso.example"));
        smtp.script(ScriptedSmtpServer.Fault.PERMANENT);

        SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");
        assertEquals(200, umpin.resetPin("dominique", "demo").statusCode());

        // dominique's notice is sent after dominique's answer, so after anything alice's reset sent
        List<MimeMessage> mails = smtp.awaitAccepted(2);
        while (mails.stream().noneMatch(m -> subject(m).equals("Voice mail PIN reset: dominique"))) {
            mails = smtp.awaitAccepted(mails.size() + 1);
        }
        assertEquals(List.of("dominique@contoso.example", "helpdesk@contoso.example"),
                mails.stream().map(YamlExamplesTest::recipient).sorted().toList(), "one notice, for dominique's reset only");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage mail) {
        try {
            return ((InternetAddress) mail.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachOutcomeIsOneJsonLineForTheSiem(@TempDir Path siem) throws Exception {
        withExample("siem-outcomes", Map.of("umpin.siem.folder", siem.toString()));

        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        SoapFault.expectException(umpin.resetPin("bob", "demo"), "UserNotUmEnabledException");
        smtp.script(ScriptedSmtpServer.Fault.PERMANENT);
        SoapFault.expectException(umpin.resetPin("dominique", "demo"), "ResetPINException");
        // a drop-in named um-legacy-* surrounds every operation, not only ResetPIN
        assertEquals(200, umpin.operation("SetOofStatus", "<status>true</status>", "erin", "demo").statusCode());

        List<Map<String, String>> lines = awaitLines(siem, 4);
        assertEquals(List.of("ResetPIN alice success", "ResetPIN bob fault UserNotUmEnabledException",
                        "ResetPIN dominique fault ResetPINException", "SetOofStatus erin success"),
                lines.stream().map(l -> l.get("operation") + " " + l.get("mailbox") + " " + l.get("outcome")
                        + (l.containsKey("fault_code") ? " " + l.get("fault_code") : "")).sorted().toList());
        for (Map<String, String> line : lines) {
            List<Map<String, String>> audit = umpin.view().audit(line.get("mailbox"));
            assertEquals(audit.get(audit.size() - 1).get("correlation_id"), line.get("correlation_id"), "the SIEM line joins the audit row");
        }
        String pin = PinMail.of(smtp.accepted().get(0)).pin();
        try (var files = Files.list(siem)) {
            for (Path file : files.toList()) {
                assertFalse(Files.readString(file).contains(pin), "no PIN in the SIEM file");
            }
        }
    }

    /** The JSON lines in the folder, once there are {@code count} (they are written after the answers). */
    private static List<Map<String, String>> awaitLines(Path folder, int count) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> lines = new java.util.ArrayList<>();
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    lines.addAll(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
                }
            }
            if (lines.size() >= count) {
                List<Map<String, String>> parsed = new java.util.ArrayList<>();
                for (String line : lines) {
                    parsed.add(JSON.readValue(line, new TypeReference<Map<String, String>>() { }));
                }
                return parsed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(lines.size() + " lines, not " + count + ": " + lines);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // the lines come from another thread, after the answers
        }
    }

    @Test
    void approvalRefusesTheListedMailboxes() throws Exception {
        withExample("approval", Map.of("umpin.approval.refused-mailboxes", "erin,dominique"));

        SoapFault fault = SoapFault.expectException(umpin.resetPin("erin", "demo"), "ResetPINException");
        assertTrue(fault.faultString().contains("approval"), fault.faultString());
        assertEquals(0, smtp.accepted().size(), "no mail for a refused reset");
        assertTrue(umpin.pinState("erin").isEmpty(), "nothing stored");
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode(), "the others go through");
        assertEquals(1, smtp.accepted().size());
    }
}
