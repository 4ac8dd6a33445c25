package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinServer;

/**
 * The benchmark's ceiling (bench/run.sh) starts with the routes of {@code bench/ceiling/routes}
 * and answers ResetPIN without resetting anything: a start that required a route the ceiling
 * lacks would stop the benchmark halfway, as the pages' routes once did.
 */
class BenchCeilingTest {

    @Test
    void theCeilingStartsWithItsRoutesAndOnlyReplies() throws Exception {
        String routes = Files.readString(Path.of("bench/ceiling/routes")).strip();
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             UmpinServer ceiling = UmpinServer.start(smtp.port(), Map.of("camel.main.routes-include-pattern", routes))) {
            StoreView.StoredPin before = ceiling.stored("alice");

            HttpResponse<String> response = ceiling.resetPin("alice", "demo");

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("ResetPINResponse"), response.body());
            assertEquals(0, smtp.accepted().size(), "the ceiling sends no mail");
            assertEquals(before, ceiling.stored("alice"), "and stores no PIN");
        }
    }
}
