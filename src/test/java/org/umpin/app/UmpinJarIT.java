package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.umpin.testing.PinMail;
import org.umpin.testing.SoapFault;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinJar.Result;
import org.umpin.testing.UmpinJar.Running;
import org.umpin.testing.UmpinJar;
import org.umpin.testing.UmpinServer;

/** The packaged target/umpin.jar, run as a user runs it: from the repository root, on its embedded defaults. */
class UmpinJarIT {

    @TempDir
    Path temp;

    @Test
    void resetThenReadTheMailOverImapThenVerifyThePinFromASecondProcess() throws Exception {
        int imapPort = UmpinServer.freePort();
        Map<String, String> env = env(UmpinServer.freePort(), imapPort);
        Running umpin = UmpinJar.start(Path.of("."), env);
        try {
            HttpResponse<String> response = umpin.client().resetPin("CONTOSO\\alice", "demo");
            assertEquals(200, response.statusCode(), response.body());

            String pin = readPinOverImap(imapPort, "alice@contoso.example", "demo");

            Result match = UmpinJar.run(Path.of("."), env, "pin", "verify", "alice", pin);
            assertEquals(0, match.status(), match.output() + match.errors());
            assertFalse((match.output() + match.errors()).contains(pin), "the command echoes no PIN");
            String wrong = pin.equals("482910") ? "482911" : "482910";
            assertEquals(1, UmpinJar.run(Path.of("."), env, "pin", "verify", "alice", wrong).status());
            assertEquals(1, UmpinJar.run(Path.of("."), env, "pin", "verify", "bob", pin).status(), "bob has no PIN");
            assertFalse(umpin.output().contains(pin), "no PIN in the service's log");
            assertFalse(umpin.output().contains("jdbc:h2:"), "no JDBC URL (it may hold credentials) in the log");
            assertTrue(umpin.output().contains("umpin.db.url = xxxxxx"), "the settings summary masks it");
        } finally {
            umpin.process().destroy();
            assertTrue(umpin.process().waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the service");
        }
    }

    /**
     * The administrator's commands beside the running service, on its store and its embedded mail
     * server: pin reset (mailed, and --no-mail), pin show, pin unlock, each audited with the
     * operating-system user; the telephony API on the demo's ivr account sees what they did.
     */
    @Test
    void pinResetShowAndUnlockWorkWhileTheServiceRuns() throws Exception {
        int imapPort = UmpinServer.freePort();
        Map<String, String> env = env(UmpinServer.freePort(), imapPort);
        Running umpin = UmpinJar.start(Path.of("."), env);
        try {
            TelephonyClient ivr = new TelephonyClient(umpin.client().endpoint().resolve("/pin/v1/"), "ivr", "demo");

            Result printed = UmpinJar.run(Path.of("."), env, "pin", "reset", "36697", "--no-mail");
            assertEquals(0, printed.status(), printed.output() + printed.errors());
            java.util.regex.Matcher shown = java.util.regex.Pattern.compile("The new PIN of alice is (\\d{6}) ").matcher(printed.output());
            assertTrue(shown.find(), printed.output());
            String pin = shown.group(1);
            for (int failure = 1; failure <= 15; failure++) {
                ivr.logon("alice", "000000");
            }
            Result locked = UmpinJar.run(Path.of("."), env, "pin", "show", "alice");
            assertEquals(0, locked.status(), locked.errors());
            assertTrue(locked.output().contains("lockedOut:     true") && locked.output().contains("failedLogons:  15"),
                    locked.output());
            assertFalse(locked.output().contains("pbkdf2"), "never a hash");

            Result unlocked = UmpinJar.run(Path.of("."), env, "pin", "unlock", "alice@contoso.example");
            assertEquals(0, unlocked.status(), unlocked.output() + unlocked.errors());
            assertTrue(unlocked.output().contains("alice unlocked; its 15 failed logons are cleared"), unlocked.output());
            List<String> automatic = PinMail.overImap(imapPort, "alice@contoso.example", "demo");
            assertEquals(2, automatic.size(), "the 5th and the 10th failures reset the PIN and mailed it");
            String mailedByAutomaticReset = automatic.get(1);
            TelephonyClient.Answer logon = ivr.logon("36697", mailedByAutomaticReset);
            assertEquals("ok", logon.text("result"), "unlocked, with the PIN the tenth failure mailed: " + logon.body());
            assertNotEquals(pin, mailedByAutomaticReset);

            Result mailed = UmpinJar.run(Path.of("."), env, "pin", "reset", "alice");
            assertEquals(0, mailed.status(), mailed.output() + mailed.errors());
            List<String> all = PinMail.overImap(imapPort, "alice@contoso.example", "demo");
            assertEquals(3, all.size());
            String latest = all.get(2);
            assertEquals("reset", ivr.logon("alice", latest).text("reason"), "the mailed PIN logs on and must be changed");
            assertFalse(mailed.output().contains(latest), "a mailed PIN is not printed");

            // Set-UMMailboxPIN -Pin and -LockedOut: the PIN on the process's standard input, never an argument
            Result set = UmpinJar.withInput(Path.of("."), env, "582941\n", "pin", "set", "alice", "--no-mail");
            assertEquals(0, set.status(), set.output() + set.errors());
            assertFalse((set.output() + set.errors()).contains("582941"), "the command echoes no PIN");
            assertEquals(0, UmpinJar.withInput(Path.of("."), env, "582941\n", "pin", "verify", "alice").status());
            assertEquals(1, UmpinJar.withInput(Path.of("."), env, "582942\n", "pin", "verify", "alice").status());
            assertEquals(0, UmpinJar.run(Path.of("."), env, "pin", "lock", "alice").status());
            assertEquals("locked", ivr.logon("alice", "582941").text("result"), "pin lock: the right PIN refused too");
            assertEquals(0, UmpinJar.run(Path.of("."), env, "pin", "unlock", "alice").status());
            assertEquals("reset", ivr.logon("alice", "582941").text("reason"), "pin set's PIN, expired by default");

            assertEquals(1, UmpinJar.run(Path.of("."), env, "pin", "reset", "bob").status(), "bob is not enabled for voice mail");
            assertEquals(1, UmpinJar.run(Path.of("."), env, "pin", "unlock", "nobody").status());
            assertEquals(2, UmpinJar.run(Path.of("."), env, "pin", "reset", "alice", "--no-mail", "--notify-email",
                    "x@contoso.example").status(), "a usage error");

            Result audit = UmpinJar.run(Path.of("."), env, "audit", "--mailbox", "alice");
            String user = "os:" + System.getProperty("user.name");
            for (String action : List.of("pin-reset", "pin-show", "unlock", "logon", "automatic-reset", "pin-set", "lock")) {
                assertTrue(audit.output().lines().anyMatch(line -> line.contains(" " + action + " ")), action + " in " + audit.output());
            }
            assertTrue(audit.output().lines().anyMatch(line -> line.contains(" unlock ") && line.contains(user)), audit.output());
            for (String secret : List.of(pin, mailedByAutomaticReset, latest, "582941")) {
                assertFalse(audit.output().contains(secret), "no PIN in the audit trail");
                assertFalse(umpin.output().contains(secret), "no PIN in the service's log");
            }
        } finally {
            umpin.process().destroy();
            assertTrue(umpin.process().waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the service");
        }
    }

    /** The packaged command line: picocli and the build's version are in the jar, help needs no config/. */
    @Test
    void theJarsCommandLineHelpsAndRefusesWhatItDoesNotKnow() throws Exception {
        Result help = UmpinJar.run(temp, Map.of(), "--help");
        assertEquals(0, help.status(), help.errors());
        for (String command : List.of("serve", "pin", "directory", "audit")) {
            assertTrue(help.output().lines().anyMatch(line -> line.startsWith("  " + command + " ")), command + " in " + help.output());
        }
        Result verify = UmpinJar.run(temp, Map.of(), "pin", "verify", "--help");
        assertEquals(0, verify.status());
        assertTrue(verify.output().contains("<login>") && verify.output().contains("<pin>"), verify.output());

        Result version = UmpinJar.run(temp, Map.of(), "--version");
        assertEquals(0, version.status());
        assertTrue(version.output().matches("(?s)umpin \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), version.output());

        Result unknown = UmpinJar.run(temp, Map.of(), "frobnicate");
        assertEquals(2, unknown.status());
        assertEquals("", unknown.output());
        assertTrue(unknown.errors().startsWith("umpin: Unmatched argument at index 0: 'frobnicate'"), unknown.errors());
    }

    /** Camel Main's runner option -duration is dropped; its setting does the same (docs/command-line.md). */
    @Test
    void theServiceStopsByItselfAfterCamelMainsDurationSetting() throws Exception {
        Map<String, String> env = env(UmpinServer.freePort(), UmpinServer.freePort());
        env.put("CAMEL_MAIN_DURATIONMAXSECONDS", "1");
        Result result = UmpinJar.run(Path.of("."), env, "serve");
        assertEquals(0, result.status(), result.output() + result.errors());
        assertTrue(result.output().contains("Duration max seconds triggering shutdown"), result.output());
    }

    @Test
    void portInUseStopsTheStartWithAOneLineReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = env(taken.getLocalPort(), UmpinServer.freePort());
            Result result = UmpinJar.run(Path.of("."), env);
            assertNotEquals(0, result.status());
            assertTrue(result.lastLine().startsWith("umpin: could not start:"), result.lastLine());
            assertTrue(result.lastLine().contains(Integer.toString(taken.getLocalPort())), result.lastLine());
        }
    }

    @Test
    void managementPortInUseStopsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = env(UmpinServer.freePort(), UmpinServer.freePort());
            env.put("UMPIN_MANAGEMENT_PORT", Integer.toString(taken.getLocalPort()));
            Result result = UmpinJar.run(Path.of("."), env);
            assertNotEquals(0, result.status());
            assertTrue(result.lastLine().startsWith("umpin: could not start: setting umpin.management.port:")
                    && result.lastLine().contains(Integer.toString(taken.getLocalPort())), result.lastLine());
        }
    }

    /** config/log4j2.properties is the operator's: a level set there holds for the running service. */
    @Test
    void logLevelsComeFromTheConfigFolder() throws Exception {
        copyTree(Path.of("config"), temp.resolve("config"));
        copyTree(Path.of("routes"), temp.resolve("routes"));
        Files.writeString(temp.resolve("config/log4j2.properties"), """
                logger.attempts.name = org.umpin.soap.ResetAttempts
                logger.attempts.level = WARN
                """, java.nio.file.StandardOpenOption.APPEND);
        Running umpin = UmpinJar.start(temp, env(UmpinServer.freePort(), UmpinServer.freePort()));
        try {
            assertEquals(200, umpin.client().resetPin("alice", "demo").statusCode());
            SoapFault.expectException(umpin.client().resetPin("bob", "demo"), "UserNotUmEnabledException");
            SoapFault.expectException(umpin.client().resetPin("frank", "demo"), "ResetPINException");
        } finally {
            umpin.process().toHandle().destroy();
            assertTrue(umpin.process().waitFor(30, TimeUnit.SECONDS));
        }
        List<String> attempts = umpin.allLines().stream().filter(line -> line.contains("ResetAttempts - ")).toList();
        assertEquals(1, attempts.size(), "only the WARN line (frank's) is left: " + attempts);
        assertTrue(attempts.get(0).contains("fault ResetPINException for mailbox frank"), attempts.get(0));
    }

    /** A setting read before Log4j starts (the log format) and one read by the configuration alike. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "UMPIN_MAIL_PORT|smtp|umpin: could not start: setting umpin.mail.port is not a number: \"smtp\"",
        "UMPIN_LOG_FORMAT|xml|umpin: could not start: setting umpin.log.format: text or json, not \"xml\""})
    void badSettingStopsTheStartNamingTheSetting(String variable, String value, String reason) throws Exception {
        Map<String, String> env = env(UmpinServer.freePort(), UmpinServer.freePort());
        env.put(variable, value);
        Result result = UmpinJar.run(Path.of("."), env);
        assertNotEquals(0, result.status());
        assertEquals(reason, result.lastLine());
    }

    @Test
    void unreachableStoreStopsTheStartWithoutShowingTheUrl() throws Exception {
        Map<String, String> env = env(UmpinServer.freePort(), UmpinServer.freePort());
        env.put("UMPIN_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + UmpinServer.freePort() + "/umpin;PASSWORD=url-secret");
        Result result = UmpinJar.run(Path.of("."), env);
        assertNotEquals(0, result.status());
        assertTrue(result.lastLine().startsWith("umpin: could not start: the store (umpin.db.url) cannot be opened"),
                result.lastLine());
        assertFalse(result.lastLine().contains("url-secret"), result.lastLine());
    }

    @Test
    void missingRoutesFolderStopsTheStart() throws Exception {
        copyTree(Path.of("config"), temp.resolve("config"));
        Result result = UmpinJar.run(temp, env(UmpinServer.freePort(), UmpinServer.freePort()));
        assertNotEquals(0, result.status());
        assertTrue(result.lastLine().startsWith("umpin: could not start:") && result.lastLine().contains("routes"),
                result.lastLine());
    }

    @Test
    void startedOutsideTheRepositoryRootItSaysWhere() throws Exception {
        Result result = UmpinJar.run(temp, env(UmpinServer.freePort(), UmpinServer.freePort()));
        assertNotEquals(0, result.status());
        assertTrue(result.lastLine().contains("config/application.properties")
                && result.lastLine().contains("repository root"), result.lastLine());
    }

    @Test
    void emptyRoutesFolderStopsTheStart() throws Exception {
        copyTree(Path.of("config"), temp.resolve("config"));
        Files.createDirectory(temp.resolve("routes"));
        Result result = UmpinJar.run(temp, env(UmpinServer.freePort(), UmpinServer.freePort()));
        assertNotEquals(0, result.status());
        assertTrue(result.lastLine().contains("no route reads from cxf:bean:umLegacyService"), result.lastLine());
    }

    private Map<String, String> env(int soapPort, int imapPort) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("UMPIN_SOAP_PORT", Integer.toString(soapPort));
        env.put("UMPIN_SOAP_HOST", "127.0.0.1");
        env.put("UMPIN_MAIL_PORT", Integer.toString(UmpinServer.freePort()));
        env.put("UMPIN_MAIL_EMBEDDED_IMAP_PORT", Integer.toString(imapPort));
        env.put("UMPIN_DB_URL", UmpinJar.fileStore(temp));
        env.put("UMPIN_MANAGEMENT_HOST", "127.0.0.1");
        env.put("UMPIN_MANAGEMENT_PORT", Integer.toString(UmpinServer.freePort()));
        return env;
    }

    private static String readPinOverImap(int port, String user, String password) throws Exception {
        List<String> pins = PinMail.overImap(port, user, password);
        assertEquals(1, pins.size());
        return pins.get(0);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
