package org.umpin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * umpin.throttle.*: resets per mailbox per hour, failed logins per user and per client address,
 * each counted in the store, so that two instances sharing it share the counts (here two
 * instances on one in-memory H2 database).
 */
class ThrottleTest {

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private final String store = "jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void aMailboxIsResetAtMostTheLimitPerHourAcrossInstances() throws Exception {
        Map<String, String> limit = Map.of("umpin.throttle.resets-per-hour", "2");
        UmpinServer a = instance(limit);
        UmpinServer b = instance(limit);

        assertEquals(200, a.resetPin("alice", "demo").statusCode());
        assertEquals(200, b.resetPin("alice", "demo").statusCode());
        StoreView.StoredPin before = a.stored("alice");
        HttpResponse<String> third = a.resetPin("alice", "demo");

        SoapFault fault = SoapFault.expectException(third, "ResetPINException");
        assertEquals("This mailbox's PIN was reset too many times in the last hour. Try again later.", fault.faultString());
        assertEquals(2, smtp.accepted().size(), "no e-mail for the refused reset");
        assertEquals(before, a.stored("alice"), "nothing stored for the refused reset");
        assertEquals(200, b.resetPin("dominique", "demo").statusCode(), "another mailbox has its own count");
        assertEquals(1, a.view().auditFaults("ResetPINException"), "the refusal is audited");
    }

    @Test
    void theLimitHoldsExactlyUnderParallelResets() throws Exception {
        Map<String, String> limit = Map.of("umpin.throttle.resets-per-hour", "3", "umpin.reset.lock-wait-ms", "60000");
        UmpinServer a = instance(limit);
        UmpinServer b = instance(limit);

        ResetInvariant.assertLimitHoldsUnderParallelResets(a, b, smtp, 12, 3);
    }


    @Test
    void aFailedResetDoesNotCount() throws Exception {
        UmpinServer umpin = instance(Map.of("umpin.throttle.resets-per-hour", "1"));
        smtp.script(ScriptedSmtpServer.Fault.PERMANENT);

        SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode(), "the one reset of the hour is still there");
        SoapFault.expectException(umpin.resetPin("alice", "demo"), "ResetPINException");
    }

    @Test
    void aUserWhoFailedTooOftenIsRefusedUncheckedAcrossInstancesAndNames() throws Exception {
        Map<String, String> bound = Map.of("umpin.throttle.failed-logins-per-user", "3");
        UmpinServer a = instance(bound);
        UmpinServer b = instance(bound);

        assertEquals(401, a.resetPin("alice", "wrong").statusCode());
        assertEquals(401, b.resetPin("CONTOSO\\alice", "wrong").statusCode());
        assertEquals(401, a.resetPin("alice@contoso.example", "wrong").statusCode());
        HttpResponse<String> refused = b.resetPin("alice", "demo");

        assertEquals(429, refused.statusCode(), "the right password no longer helps");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 850 && retryAfter <= 900, "until the oldest failure leaves the 15-minute window: " + retryAfter);
        assertEquals("", refused.body());
        assertEquals(0, smtp.accepted().size());
        assertEquals(200, a.resetPin("dominique", "demo").statusCode(), "another user from the same address logs in");
        assertEquals(1.0, b.management().sample("umpin_http_refusals_total{status=\"429\"}"), "counted as a refusal");
        assertEquals(List.of("login_failed alice", "login_failed CONTOSO\\alice", "login_failed alice@contoso.example",
                "login_refused alice"), a.view().audit("alice").stream().map(row -> row.get("outcome") + " " + row.get("login"))
                .toList(), "each failure and the refusal audited, under the mailbox, with the name as typed");
    }

    /** The telephony API's login is the same: one bound for the IVR account, whichever door it failed at. */
    @Test
    void theTelephonyAccountIsBoundedAtTheApiAsAtSoap() throws Exception {
        UmpinServer umpin = instance(Map.of("umpin.throttle.failed-logins-per-user", "3"));

        assertEquals(401, umpin.telephony("ivr", "wrong").logon("36697", "000000").status());
        assertEquals(401, umpin.resetPin("ivr", "wrong").statusCode());
        assertEquals(401, umpin.telephony("ivr", "wrong").logon("36697", "000000").status());
        TelephonyClient.Answer refused = umpin.telephony("ivr", "demo").logon("36697", "000000");

        assertEquals(429, refused.status(), "the right password no longer helps: " + refused.body());
        assertTrue(refused.headers().contains("retry-after"), refused.headers());
        assertEquals(List.of("login login_failed", "login login_failed", "login login_failed", "login login_refused"),
                umpin.view().audit("ivr").stream().map(row -> row.get("action") + " " + row.get("outcome")).toList());
        assertTrue(umpin.view().audit("alice").isEmpty(), "no logon of alice happened");
    }

    @Test
    void aLoginClearsTheUsersFailures() throws Exception {
        UmpinServer umpin = instance(Map.of("umpin.throttle.failed-logins-per-user", "3"));

        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
        assertEquals(200, umpin.resetPin("alice", "demo").statusCode(), "two failures since the login, under the bound");
    }

    @Test
    void anAddressThatFailedTooOftenIsRefusedForEveryUser() throws Exception {
        UmpinServer umpin = instance(Map.of("umpin.throttle.failed-logins-per-address", "3"));

        assertEquals(401, umpin.resetPin("mallory1", "x").statusCode());
        assertEquals(401, umpin.resetPin("mallory2", "x").statusCode());
        assertEquals(401, umpin.resetPin("alice", "x").statusCode());

        assertEquals(429, umpin.resetPin("dominique", "demo").statusCode());
        assertEquals(401, umpin.resetPin(null, null).statusCode(), "a request without credentials is still challenged");
    }

    private UmpinServer instance(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("umpin.db.url", store);
        return umpins.start(settings);
    }
}
