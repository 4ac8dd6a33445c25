package org.umpin.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/** Parallel resets never interleave: they run one after the other per mailbox, or wait a bounded time and fault. */
class ConcurrentResetTest {

    private static final int PARALLEL = 50;
    private static final int HISTORY = 5;

    @TempDir
    Path temp;
    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private UmpinServer umpin;

    @Test
    void fiftyParallelResetsOfOneMailboxRunOneAfterTheOther() throws Exception {
        umpin = umpins.start(Map.of("umpin.reset.lock-wait-ms", "120000"));

        List<HttpResponse<String>> responses = SoapClient.resetsInParallel(PARALLEL, i -> umpin, i -> "alice");

        responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
        ResetInvariant.assertHolds(umpin, smtp.accepted(), "alice", PARALLEL, HISTORY);
    }

    @Test
    void fiftyParallelResetsOfTenMailboxes() throws Exception {
        umpin = umpins.start(Map.of("umpin.reset.lock-wait-ms", "120000",
                "umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 10).toString()));

        List<HttpResponse<String>> responses = SoapClient.resetsInParallel(PARALLEL, i -> umpin, i -> "user" + (i % 10 + 1));

        responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
        assertEquals(PARALLEL, smtp.accepted().size());
        for (int user = 1; user <= 10; user++) {
            ResetInvariant.assertHolds(umpin, smtp.accepted(), "user" + user, PARALLEL / 10, HISTORY);
        }
    }

    @Test
    void aSecondResetWaitsABoundedTimeThenFaultsAndOtherMailboxesGoOn() throws Exception {
        umpin = umpins.start(Map.of("umpin.reset.lock-wait-ms", "300"));
        smtp.script(Fault.HOLD_DATA_REPLY);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> reset("alice"));
        smtp.awaitHeld();

        HttpResponse<String> second = reset("alice");
        HttpResponse<String> other = reset("dominique");
        smtp.release();

        SoapFault.expectException(second, "ResetPINException");
        assertTrue(second.body().contains("Another reset of this mailbox is in progress"), second.body());
        assertEquals(200, other.statusCode(), "another mailbox is not held up");
        assertEquals(200, first.get().statusCode(), "the first reset completes");
        ResetInvariant.assertHolds(umpin, smtp.accepted(), "alice", 1, HISTORY);
        ResetInvariant.assertHolds(umpin, smtp.accepted(), "dominique", 1, HISTORY);
    }

    private HttpResponse<String> reset(String login) {
        try {
            return umpin.resetPin(login, "demo");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
