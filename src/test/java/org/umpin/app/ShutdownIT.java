package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapClient;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinJar.Running;
import org.umpin.testing.UmpinJar;

/** SIGTERM: a reset in flight finishes and is answered, a new request is refused, the process ends cleanly. */
class ShutdownIT {

    @TempDir
    Path temp;
    private ScriptedSmtpServer smtp;
    private Map<String, String> env;
    private StoreView store;

    @BeforeEach
    void setUp() throws Exception {
        smtp = ScriptedSmtpServer.start();
        String dbUrl = UmpinJar.fileStore(temp);
        env = UmpinJar.env(dbUrl, smtp.port());
        store = new StoreView(dbUrl);
    }

    @AfterEach
    void tearDown() {
        smtp.close();
    }

    @Test
    void sigtermLetsTheResetInFlightFinishAndRefusesNewOnes() throws Exception {
        Running umpin = UmpinJar.start(Path.of("."), env);
        try {
            smtp.script(Fault.HOLD_DATA_REPLY);
            ExecutorService client = Executors.newSingleThreadExecutor();
            Future<HttpResponse<String>> inFlight = client.submit(() -> umpin.client().resetPin("alice", "demo"));
            client.shutdown();
            smtp.awaitHeld();

            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            umpin.process().toHandle().destroy();
            umpin.awaitOutput("new requests are refused", 30);
            assertRefused(umpin.client());
            smtp.release();

            HttpResponse<String> answered = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(umpin.process().waitFor(60, TimeUnit.SECONDS), "the process ends");
            assertEquals(0, umpin.process().exitValue(), "a clean stop");
            assertTrue(store.isCurrentPin("alice", PinMail.of(smtp.accepted().get(0)).pin()),
                    "the answered reset was committed");
            assertTrue(store.pinState("dominique").isEmpty(), "the refused one changed nothing");
        } finally {
            umpin.process().destroyForcibly();
        }
    }

    /** Refused: the connection itself (the listener is closed), or HTTP 503 on a connection already open. */
    private static void assertRefused(SoapClient client) throws Exception {
        HttpResponse<String> response;
        try {
            response = client.resetPin("dominique", "demo");
        } catch (IOException connectionRefused) {
            return;
        }
        assertEquals(503, response.statusCode(), "a new request after SIGTERM is refused: " + response.body());
    }
}
