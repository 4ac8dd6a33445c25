package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.PinMail;
import org.umpin.testing.UmpinServer;

/** An operator edits a copy of the route YAML (here: adds a step) and the service runs it, without recompiling. */
class CustomRouteTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path routes;

    /** camel.main.routes-reload-enabled (off by default): an edited route file takes effect without a restart. */
    @Test
    void withReloadingOnAnEditedFileTakesEffectWhileRunning() throws Exception {
        copyRoutes();
        try (CapturedLog log = CapturedLog.attach();
             UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort(), Map.of(
                     "camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml",
                     "camel.main.routes-reload-enabled", "true",
                     "camel.main.routes-reload-directory", routes.toAbsolutePath().toString()))) {
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
            // written aside and moved in, as editors save: writing in place can be seen as two
            // changes (truncated, then written), and a second reload could stop the endpoint
            // again just as the test sends its request
            Path edited = Files.writeString(routes.resolve("new-pin.yaml.part"), withHelpDeskHeader(), StandardCharsets.UTF_8);
            Files.move(edited, routes.resolve("new-pin.camel.yaml"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (log.lines().stream().noneMatch(line -> line.contains("Routes reloaded"))
                    || umpin.get("?wsdl").statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "the edited file was not reloaded");
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // the file watcher runs on its own thread
            }
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        }
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(2, mails.length);
        assertEquals(null, mails[0].getHeader("X-Help-Desk"), "before the edit");
        assertEquals("extension 4357", mails[1].getHeader("X-Help-Desk")[0], "after the edit, without a restart");
    }

    @Test
    void aStepAddedInYamlTakesEffect() throws Exception {
        copyRoutes();
        Files.writeString(routes.resolve("new-pin.camel.yaml"), withHelpDeskHeader(), StandardCharsets.UTF_8);

        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml"))) {
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        }

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("extension 4357", mail.getHeader("X-Help-Desk")[0]);
        assertTrue(PinMail.of(mail).pin().length() >= 6);
    }

    /**
     * A route file of an earlier version, whose smtp URI does not name the relay's session, would
     * send the PIN as plain SMTP whatever umpin.mail.security says: it stops the start instead.
     */
    @Test
    void anSmtpEndpointWithoutTheRelaySessionStopsTheStart() throws Exception {
        copyRoutes();
        String route = Files.readString(Path.of("routes/new-pin.camel.yaml"), StandardCharsets.UTF_8);
        Files.writeString(routes.resolve("new-pin.camel.yaml"), route.replace("session=#umpinMailSession&", ""),
                StandardCharsets.UTF_8);

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> UmpinServer.start(
                SMTP.getSmtp().getPort(), Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml")));

        assertTrue(StartupException.reason(e).contains("does not send through umpin's relay settings: add session=#umpinMailSession"),
                StartupException.reason(e));
    }

    /** An operation the endpoint's route hands requests to, with no route of its own, stops the start. */
    @Test
    void anOperationWithoutItsRouteStopsTheStart() throws Exception {
        copyRoutes();
        String text = Files.readString(Path.of("routes/um-legacy.camel.yaml"), StandardCharsets.UTF_8);
        int start = text.indexOf("- route:\n    id: is-um-enabled");
        int end = text.indexOf("# GetUMProperties");
        Files.writeString(routes.resolve("um-legacy.camel.yaml"), text.substring(0, start) + text.substring(end),
                StandardCharsets.UTF_8);

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> UmpinServer.start(
                SMTP.getSmtp().getPort(), Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml")));

        assertTrue(StartupException.reason(e).contains("no route reads from direct://IsUMEnabled"), StartupException.reason(e));
    }

    /** The repository's route files, into the folder the test's umpin reads. */
    private void copyRoutes() throws Exception {
        try (var files = Files.newDirectoryStream(Path.of("routes"), "*.camel.yaml")) {
            for (Path file : files) {
                Files.copy(file, routes.resolve(file.getFileName().toString()));
            }
        }
    }

    /** routes/new-pin.camel.yaml with a step after composeNotification that adds a mail header. */
    private static String withHelpDeskHeader() throws Exception {
        String route = Files.readString(Path.of("routes/new-pin.camel.yaml"), StandardCharsets.UTF_8);
        String compose = "            ref: composeNotification";
        int end = route.indexOf('\n', route.indexOf(compose)) + 1;
        return route.substring(0, end)
                + "        - setHeader:\n"
                + "            name: X-Help-Desk\n"
                + "            constant: \"extension 4357\"\n"
                + route.substring(end);
    }
}
