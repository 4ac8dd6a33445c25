package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.Management;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinJar.Result;
import org.umpin.testing.UmpinJar.Running;
import org.umpin.testing.UmpinJar;

/**
 * The packaged jar as an operator runs it, with JSON logs: resets and every kind of fault, then
 * all it wrote (standard output and error) holds no PIN, no password and no pepper; the reset
 * lines carry their outcome and correlation id, which the audit command prints too.
 */
class OperationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PASSWORDS = List.of("Tr0ub4dor&3-grace", "correct-horse-henri", "Pa55-ines-x7Q",
            "wrong-Password-9z", "unknown-user-pw-4k");

    @TempDir
    Path temp;

    @Test
    void jsonLogsHoldNoSecretAndTheAuditCommandPrintsEachAttempt() throws Exception {
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
            Path mailboxes = temp.resolve("staff.csv");
            Files.writeString(mailboxes, """
                    # login,smtp_address,display_name,password,extension,language,um_enabled,enabled,pin_policy
                    grace,grace@contoso.example,Grace Hopper,Tr0ub4dor&3-grace,52001,en-US,true,true,default
                    henri,henri@contoso.example,Henri Poincaré,correct-horse-henri,52002,fr-FR,true,true,strict
                    ines,ines@contoso.example,Inès Lopes,Pa55-ines-x7Q,52003,en-US,false,true,default
                    """, StandardCharsets.UTF_8);
            Map<String, String> env = UmpinJar.env(UmpinJar.fileStore(temp), smtp.port());
            env.put("UMPIN_DEMO_MAILBOXES", mailboxes.toString());
            env.put("UMPIN_LOG_FORMAT", "json");
            env.put("UMPIN_MAIL_RETRIES", "0");
            Management management = new Management(Integer.parseInt(env.get("UMPIN_MANAGEMENT_PORT")));

            Running umpin = UmpinJar.start(Path.of("."), env);
            Result audit;
            try {
                SoapClient client = umpin.client();
                assertEquals(200, client.resetPin("CONTOSO\\grace", "Tr0ub4dor&3-grace").statusCode());
                assertEquals(200, client.resetPin("henri", "correct-horse-henri").statusCode());
                assertEquals(200, client.resetPin("grace@contoso.example", "Tr0ub4dor&3-grace").statusCode());
                smtp.script(Fault.PERMANENT);
                SoapFault.expectException(client.resetPin("henri", "correct-horse-henri"), "ResetPINException");
                SoapFault.expectException(client.resetPin("ines", "Pa55-ines-x7Q"), "UserNotUmEnabledException");
                SoapFault.expect(client.post(Files.readString(Path.of("requests/reset-pin-invalid.xml")), "grace",
                        "Tr0ub4dor&3-grace", Map.of()), "ErrorInvalidRequest");
                assertEquals(401, client.resetPin("grace", "wrong-Password-9z").statusCode());
                assertEquals(401, client.resetPin("nobody", "unknown-user-pw-4k").statusCode());

                assertEquals(200, management.get("/observe/health/ready").statusCode());
                assertEquals(3.0, management.sample("umpin_resets_total{fault_code=\"none\",outcome=\"success\"}"));

                audit = UmpinJar.run(Path.of("."), env, "audit", "--mailbox", "CONTOSO\\grace");
                assertEquals(0, audit.status(), audit.output() + audit.errors());
                Result none = UmpinJar.run(Path.of("."), env, "audit", "--mailbox", "grace", "--since", "2099-01-01");
                assertTrue(none.output().contains("no audit records on mailbox grace since 2099-01-01T00:00:00Z"), none.output());
                assertEquals(2, UmpinJar.run(Path.of("."), env, "audit", "--since", "1d").status(), "--mailbox is required");
                assertEquals(2, UmpinJar.run(Path.of("."), env, "audit", "--mailbox", "grace", "--since", "last week").status());
            } finally {
                umpin.process().toHandle().destroy();
                assertTrue(umpin.process().waitFor(60, TimeUnit.SECONDS));
            }
            List<String> logged = umpin.allLines();

            List<String> pins = new ArrayList<>();
            for (var message : smtp.accepted()) {
                pins.add(PinMail.of(message).pin());
            }
            assertEquals(3, pins.size());
            List<String> everything = new ArrayList<>(logged);
            everything.addAll(audit.output().lines().toList());
            assertSecretFree(everything, pins);

            List<JsonNode> resets = new ArrayList<>();
            for (String line : logged) {
                JsonNode event = JSON.readTree(line);
                assertTrue(event.has("@timestamp") && event.has("log.level") && event.has("message"), "not a JSON log event: " + line);
                if (event.path("log.logger").asText().equals("org.umpin.soap.ResetAttempts")) {
                    resets.add(event);
                }
            }
            assertEquals(8, resets.size(), "one line per attempt, the two failed logins included: " + resets);
            for (JsonNode reset : resets) {
                String id = reset.path("correlationId").asText();
                assertTrue(id.matches("[0-9a-f-]{36}") && reset.path("message").asText().contains("correlation id " + id), reset.toString());
            }
            List<String> graceLines = audit.output().lines().skip(1).toList();
            assertEquals(4, graceLines.size(), "grace's two resets, her invalid request and her failed login:\n" + audit.output());
            assertTrue(graceLines.get(0).contains("success") && graceLines.get(0).contains("CONTOSO\\grace"), audit.output());
            assertTrue(graceLines.get(2).contains("fault") && graceLines.get(2).contains("ErrorInvalidRequest"), audit.output());
            assertTrue(graceLines.get(3).contains("login_failed"), audit.output());
            for (String row : graceLines) {
                String id = row.substring(row.lastIndexOf(' ') + 1);
                assertTrue(resets.stream().anyMatch(r -> r.path("correlationId").asText().equals(id)),
                        "the audit's correlation id " + id + " is in the log");
            }
        }
    }

    /** No PIN as a number of its own, no password, no pepper, anywhere. */
    private static void assertSecretFree(List<String> lines, List<String> pins) {
        assertTrue(lines.size() > 50, "too little output to check: " + lines);
        List<Pattern> pinPatterns = pins.stream().map(pin -> Pattern.compile("(?<!\\d)" + pin + "(?!\\d)")).toList();
        for (String line : lines) {
            for (Pattern pin : pinPatterns) {
                assertFalse(pin.matcher(line).find(), "a PIN in the output: " + line);
            }
            for (String secret : PASSWORDS) {
                assertFalse(line.contains(secret), "a password in the output: " + line);
            }
            assertFalse(line.contains(StoreView.PEPPER), "the pepper in the output: " + line);
        }
    }
}
