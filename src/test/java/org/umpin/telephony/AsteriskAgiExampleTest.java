package org.umpin.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.PinMail;
import org.umpin.testing.UmpinExtension;
import org.umpin.testing.UmpinServer;

/**
 * examples/asterisk/umpin-pin.agi driven through AGI, as Asterisk drives it: the channel's
 * variables on its standard input, then each command it writes answered with "200 result=...",
 * the caller's digits as GET DATA's result. It runs with Java alone, against a real umpin.
 */
class AsteriskAgiExampleTest {

    @RegisterExtension
    static final UmpinExtension UMPIN = new UmpinExtension();
    static final GreenMailExtension SMTP = UMPIN.smtp();
    static final Path SCRIPT = Path.of("examples/asterisk/umpin-pin.agi");

    @Test
    void aCallerWithAResetPinLogsOnAndChoosesANewOneRefusedOnceThenTaken() throws Exception {
        UmpinServer umpin = UMPIN.server();
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        String mailed = PinMail.of(SMTP.getReceivedMessages()[0]).pin();

        try (Agi agi = Agi.start(umpin, "36697")) {
            agi.expect("GET DATA vm-password 10000 24", "200 result=" + mailed);
            // umpin says mustChange: the caller chooses 123456, which the policy refuses
            agi.expect("GET DATA vm-newpassword 10000 24", "200 result=123456");
            agi.expect("GET DATA vm-reenterpassword 10000 24", "200 result=123456");
            agi.expect("SET VARIABLE PIN_VIOLATIONS \"common-pattern\"", "200 result=1");
            agi.expect("STREAM FILE vm-invalid-password \"\"", "200 result=0 endpos=8000");
            agi.expect("GET DATA vm-newpassword 10000 24", "200 result=582941");
            agi.expect("GET DATA vm-reenterpassword 10000 24", "200 result=582941");
            agi.expect("STREAM FILE vm-passchanged \"\"", "200 result=0 endpos=8000");
            agi.expect("SET VARIABLE PIN_RESULT \"ok\"", "200 result=1");
            assertEquals(0, agi.exit());
        }
        assertTrue(umpin.isCurrentPin("alice", "582941"), "the caller's own PIN is the PIN");
        assertFalse(umpin.pinState("alice").orElseThrow().expired());
    }

    @Test
    void wrongPinsAreToldAndTheFifthResetsThePin() throws Exception {
        UmpinServer umpin = UMPIN.server();
        assertEquals(200, umpin.resetPin("dominique", "demo").statusCode());
        try (Agi agi = Agi.start(umpin, "41200")) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                agi.expect("GET DATA vm-password 10000 24", "200 result=000000");
                agi.expect("STREAM FILE vm-incorrect \"\"", "200 result=0 endpos=8000");
            }
            agi.expect("SET VARIABLE PIN_RESULT \"wrong\"", "200 result=1");
            assertEquals(0, agi.exit());
        }
        try (Agi agi = Agi.start(umpin, "41200")) {
            agi.expect("GET DATA vm-password 10000 24", "200 result=000000");
            agi.expect("STREAM FILE vm-incorrect \"\"", "200 result=0 endpos=8000");
            agi.expect("GET DATA vm-password 10000 24", "200 result=000000");
            agi.expect("SET VARIABLE PIN_RESET \"1\"", "200 result=1");
            agi.expect("STREAM FILE vm-incorrect \"\"", "200 result=0 endpos=8000");
            agi.expect("GET DATA vm-password 10000 24", "200 result=-1"); // the caller hangs up
            assertEquals(0, agi.exit());
        }
        assertEquals(1 + 1, SMTP.getReceivedMessages().length, "the fifth failure mailed a new PIN");
    }

    /** The script as Asterisk runs it: its standard input and output are the AGI channel. */
    static final class Agi implements AutoCloseable {
        private final Process process;
        private final BufferedReader commands;
        private final PrintWriter answers;
        private final List<String> seen = new ArrayList<>();

        private Agi(Process process) {
            this.process = process;
            this.commands = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.answers = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static Agi start(UmpinServer umpin, String mailbox) throws Exception {
            // the script as its #! line runs it; C1 alone, as compiling a short run with C2 costs more than it saves
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "--source", "17", SCRIPT.toString());
            builder.environment().put("PIN_API_URL", umpin.endpoint().resolve("/pin/v1").toString());
            builder.environment().put("PIN_API_LOGIN", "ivr");
            builder.environment().put("PIN_API_PASSWORD", "demo");
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Agi agi = new Agi(builder.start());
            agi.answers.print("agi_request: umpin-pin.agi\nagi_channel: PJSIP/" + mailbox + "-00000001\nagi_language: en\n"
                    + "agi_callerid: " + mailbox + "\nagi_extension: 8500\nagi_arg_1: " + mailbox + "\n\n");
            agi.answers.flush();
            return agi;
        }

        /** The script's next command must be {@code command}; Asterisk answers {@code answer}. */
        void expect(String command, String answer) throws Exception {
            String line = commands.readLine();
            seen.add(line);
            assertEquals(command, line, "the AGI conversation so far: " + seen);
            answers.println(answer);
        }

        int exit() throws Exception {
            String extra = commands.readLine();
            assertEquals(null, extra, "no command after the last: " + seen);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
