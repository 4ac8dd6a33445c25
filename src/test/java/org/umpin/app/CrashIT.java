package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.umpin.testing.PinMail;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinJar.Running;
import org.umpin.testing.UmpinJar;

/**
 * The service killed with SIGKILL in the middle of a reset, at each step the SMTP server can
 * hold it at: after the PIN was written but before the e-mail (the server has not greeted),
 * with the whole e-mail sent but not answered, and with the e-mail taken but the PIN not yet
 * committed. After a restart the old PIN is current, the stored state is exactly as before,
 * the restarted service mails alice a correction (umpin cannot know whether the e-mail went),
 * once, and nothing else is left over: the next reset of the same mailbox goes through at once.
 */
class CrashIT {

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
        env.put("UMPIN_MAIL_TIMEOUT_MS", "120000");
        env.put("UMPIN_RESET_CORRECTION_SCAN_SECONDS", "1");
        store = new StoreView(dbUrl);
    }

    @AfterEach
    void tearDown() {
        smtp.close();
    }

    @ParameterizedTest(name = "killed while the SMTP server holds at {0}")
    @EnumSource(value = Fault.class, names = {"SILENT", "HOLD_DATA_REPLY", "HOLD_QUIT_REPLY"})
    void killedMidResetLeavesTheOldPinAndNoLeftover(Fault holdAt) throws Exception {
        Running first = UmpinJar.start(Path.of("."), env);
        String oldPin;
        StoreView.StoredPin before;
        try {
            assertEquals(200, first.client().resetPin("alice", "demo").statusCode());
            oldPin = PinMail.of(smtp.accepted().get(0)).pin();
            before = store.stored("alice");

            smtp.script(holdAt);
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.client().resetPin("alice", "demo");
                } catch (Exception e) {
                    return null; // the process died under it
                }
            });
            smtp.awaitHeld();
            first.process().destroyForcibly();
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(null, inFlight.get(30, TimeUnit.SECONDS), "the killed process sent no answer");
        } finally {
            first.process().destroyForcibly();
        }
        smtp.release();

        Running second = UmpinJar.start(Path.of("."), env);
        try {
            assertEquals(before, store.stored("alice"), "the old state, exactly: no half-written reset");
            assertTrue(store.isCurrentPin("alice", oldPin));
            int taken = smtp.accepted().size();
            // the correction, once the intent is older than PendingPins.UNSETTLED_AFTER; then its claim's commit
            smtp.awaitAccepted(taken + 1);
            store.awaitUnlocked("alice");
            assertEquals(0, store.intents(), "the killed reset's intent is settled");
            assertEquals(taken + 1, smtp.accepted().size(), "one correction");
            assertEquals("pin-not-set", smtp.accepted().get(taken).getHeader("X-Umpin-Mail", null));
            assertTrue(store.isCurrentPin("alice", oldPin), "the correction changes no PIN");

            HttpResponse<String> next = second.client().resetPin("alice", "demo");

            assertEquals(200, next.statusCode(), "no lock or pending reset left over: " + next.body());
            String newPin = PinMail.of(smtp.accepted().get(smtp.accepted().size() - 1)).pin();
            assertTrue(store.isCurrentPin("alice", newPin));
            StoreView.StoredPin after = store.stored("alice");
            assertEquals(before.history().size() + 1, after.history().size());
            assertEquals(before.history().get(before.history().size() - 1).getKey() + 1,
                    after.history().get(after.history().size() - 1).getKey(), "the history goes on without a gap");
            assertFalse(second.output().contains(newPin), "no PIN in the log");
            if (holdAt != Fault.SILENT) {
                // the server took the killed reset's e-mail (at once, or once released): the correction names it
                assertEquals(1, ResetInvariant.assertEveryMailedPinWorksOrIsCorrected(store, smtp.accepted(), "alice"));
            }
        } finally {
            second.process().destroy();
            second.process().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
