package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An operator edits a copy of the route YAML (here: adds a step) and the service runs it, without recompiling. */
class CustomRouteTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path routes;

    @Test
    void aStepAddedInYamlTakesEffect() throws Exception {
        Files.copy(Path.of("routes/soap-faults.camel.yaml"), routes.resolve("soap-faults.camel.yaml"));
        String route = Files.readString(Path.of("routes/reset-pin.camel.yaml"), StandardCharsets.UTF_8);
        String compose = "            ref: composeNotification";
        int end = route.indexOf('\n', route.indexOf(compose)) + 1;
        String customised = route.substring(0, end)
                + "        - setHeader:\n"
                + "            name: X-Help-Desk\n"
                + "            constant: \"extension 4357\"\n"
                + route.substring(end);
        Files.writeString(routes.resolve("reset-pin.camel.yaml"), customised, StandardCharsets.UTF_8);

        try (UmpinServer umpin = UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("camel.main.routes-include-pattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml"))) {
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        }

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("extension 4357", mail.getHeader("X-Help-Desk")[0]);
        assertTrue(PinMail.of(mail).pin().length() >= 6);
    }
}
