package org.umpin.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.pin.PendingPins;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.PostgresServer;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.StoreView;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * umpin on a real PostgreSQL server, as in production: the same migrations as H2, and two
 * instances (two Camel Main applications on their own ports) sharing one database. The
 * mailbox row lock serialises resets across them; a restart of PostgreSQL under load costs
 * the requests in flight a fault and nothing else. Each test has a database of its own.
 */
@Tag("postgres") // a real PostgreSQL server
class PostgresTest {

    private static final int HISTORY = 5;
    static PostgresServer postgres;

    @TempDir
    Path temp;
    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private String url;
    /** One clock for every instance of a test, as one wall clock is for servers. */
    private final MovableClock clock = new MovableClock();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        url = postgres.createDatabase();
    }

    @Test
    void aResetOnPostgres() throws Exception {
        UmpinServer umpin = instance(Map.of());

        HttpResponse<String> response = umpin.resetPin("alice", "demo");

        assertEquals(200, response.statusCode(), response.body());
        ResetInvariant.assertHolds(umpin, smtp.accepted(), "alice", 1, HISTORY);
        assertTrue(umpin.stored("alice").state().orElseThrow().expired());
        List<Map<String, String>> audit = umpin.view().audit("alice");
        assertEquals(1, audit.size(), "the audit row, on PostgreSQL too: " + audit);
        assertEquals("success", audit.get(0).get("outcome"));
    }

    @Test
    void theHelpDesksSearchOnPostgres() throws Exception {
        instance(Map.of()).close();
        PGSimpleDataSource store = new PGSimpleDataSource();
        store.setURL(url);
        store.setUser("postgres");
        MailboxDirectory directory = new MailboxDirectory(store, new SecretHasher(UmpinServer.PEPPER, UmpinServer.ITERATIONS), "contoso");
        assertEquals(List.of("alice"), directory.search("MART", 20).stream().map(Mailbox::login).toList(), "a part of the name, any case");
        assertEquals(List.of("alice"), directory.search("36697", 20).stream().map(Mailbox::login).toList(), "an extension");
        assertEquals(List.of(), directory.search("%", 20), "LIKE's wildcards are plain characters");
        assertEquals(2, directory.search("o", 2).size(), "at most the limit");
    }

    @Test
    void fiftyParallelResetsOfOneMailboxThroughTwoInstances() throws Exception {
        UmpinServer a = instance(Map.of("umpin.reset.lock-wait-ms", "120000"));
        UmpinServer b = instance(Map.of("umpin.reset.lock-wait-ms", "120000"));

        List<HttpResponse<String>> responses = SoapClient.resetsInParallel(50, i -> (i % 2 == 0 ? a : b), i -> "alice");

        responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
        ResetInvariant.assertHolds(a, smtp.accepted(), "alice", 50, HISTORY);
        assertEquals(50, a.view().audit("alice").size(), "one audit row per reset, from both instances");
    }

    /**
     * The voice mail settings on PostgreSQL (migration V5): 20 dial strings set at once through
     * two instances, each change under the mailbox's lock, so that the audit's old and new values
     * form one chain (each old value is the new value of exactly one other change, the first
     * replaced the default), and both instances read the last one back.
     */
    @Test
    void twentyParallelSettingChangesThroughTwoInstancesFormOneChain() throws Exception {
        UmpinServer a = instance(Map.of());
        UmpinServer b = instance(Map.of());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UmpinServer via = i % 2 == 0 ? a : b;
            String number = "4255550" + (100 + i);
            sent.add(pool.submit(() -> via.operation("SetPlayOnPhoneDialString", "<dialString>" + number + "</dialString>",
                    "alice", "demo")));
        }
        for (java.util.concurrent.Future<HttpResponse<String>> response : sent) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        pool.shutdown();

        List<Map<String, String>> rows = a.view().audit("alice");
        assertEquals(20, rows.size());
        List<String> olds = rows.stream().map(row -> row.get("old_value")).sorted().toList();
        List<String> news = new java.util.ArrayList<>(rows.stream().map(row -> row.get("new_value")).toList());
        String last = dialString(b);
        assertEquals(last, dialString(a), "both instances read the same");
        news.remove(last);
        news.add("");
        assertEquals(news.stream().sorted().toList(), olds, "every change replaced exactly the value before it");
    }

    private static String dialString(UmpinServer umpin) throws Exception {
        return SoapClient.values(umpin.operation("GetUMProperties", "", "alice", "demo")).get(2);
    }

    /**
     * 50 wrong PINs at once through two instances: exactly 15 failures counted, the automatic
     * resets at 5 and 10 (each with its one e-mail), the lockout at 15 and every later answer
     * locked and not counted, as in Exchange.
     */
    @Test
    void fiftyWrongPinsAtOnceThroughTwoInstancesAreCountedExactly() throws Exception {
        Map<String, String> settings = Map.of("umpin.reset.lock-wait-ms", "120000");
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);
        assertEquals(200, a.resetPin("alice", "demo").statusCode());
        String mailed = PinMail.of(smtp.accepted().get(0)).pin();
        String wrong = mailed.equals("000000") ? "000001" : "000000";
        List<TelephonyClient> ivrs = List.of(a.telephony("ivr", "demo"), b.telephony("ivr", "demo"));

        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(50);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<TelephonyClient.Answer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TelephonyClient ivr = ivrs.get(i % 2);
            answers.add(callers.submit(() -> {
                go.await();
                return ivr.logon("36697", wrong);
            }));
        }
        go.countDown();
        Map<String, Integer> results = new java.util.TreeMap<>();
        int pinResets = 0;
        for (java.util.concurrent.Future<TelephonyClient.Answer> future : answers) {
            TelephonyClient.Answer answer = future.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, answer.status(), answer.body());
            results.merge(answer.text("result"), 1, Integer::sum);
            if ("wrong".equals(answer.text("result")) && answer.json().get("pinReset").asBoolean()) {
                pinResets++;
            }
        }
        callers.shutdown();

        assertEquals(Map.of("wrong", 14, "locked", 36), results, "failures 1-14 wrong, the 15th and later locked");
        assertEquals(2, pinResets, "the 5th and the 10th failures reset the PIN");
        PinStore.PinState state = a.pinState("alice").orElseThrow();
        assertEquals(15, state.failedLogons(), "every failure up to the lockout counted, across both instances; none after");
        assertTrue(state.lockedOut());
        assertEquals(1 + 2, smtp.accepted().size(), "one e-mail per automatic reset");
        String latest = PinMail.of(smtp.accepted().get(2)).pin();
        assertTrue(a.isCurrentPin("alice", latest), "the last automatic reset's PIN is the PIN");
        assertEquals(2, a.view().audit("alice").stream().filter(row -> "automatic-reset".equals(row.get("action"))
                && "success".equals(row.get("outcome"))).count());
        assertEquals(50, a.view().audit("alice").stream().filter(row -> "logon".equals(row.get("action"))).count());
    }

    @Test
    void theHourlyLimitHoldsExactlyUnderParallelResetsThroughTwoInstances() throws Exception {
        Map<String, String> settings = Map.of("umpin.reset.lock-wait-ms", "120000", "umpin.throttle.resets-per-hour", "5");
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);

        ResetInvariant.assertLimitHoldsUnderParallelResets(a, b, smtp, 20, 5);
    }

    @Test
    void failedLoginsAreBoundedAcrossInstancesAndAudited() throws Exception {
        Map<String, String> settings = Map.of("umpin.throttle.failed-logins-per-user", "2");
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);

        assertEquals(401, a.resetPin("alice", "wrong").statusCode());
        assertEquals(401, b.resetPin("CONTOSO\\alice", "wrong").statusCode());
        HttpResponse<String> refused = a.resetPin("alice", "demo");

        assertEquals(429, refused.statusCode());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(List.of("login_failed", "login_failed", "login_refused"),
                a.view().audit("alice").stream().map(row -> row.get("outcome")).toList());
        assertEquals(200, b.resetPin("dominique", "demo").statusCode());
    }

    @Test
    void fiftyParallelResetsOfTenMailboxesThroughTwoInstances() throws Exception {
        Map<String, String> settings = Map.of("umpin.reset.lock-wait-ms", "120000",
                "umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 10).toString());
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);

        List<HttpResponse<String>> responses = SoapClient.resetsInParallel(50, i -> (i % 2 == 0 ? a : b), i -> "user" + (i % 10 + 1));

        responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
        for (int user = 1; user <= 10; user++) {
            ResetInvariant.assertHolds(a, smtp.accepted(), "user" + user, 5, HISTORY);
        }
    }

    @Test
    void aResetHeldOnOneInstanceMakesTheOtherWaitThenFault() throws Exception {
        UmpinServer a = instance(Map.of());
        UmpinServer b = instance(Map.of("umpin.reset.lock-wait-ms", "1000"));
        smtp.script(Fault.HOLD_DATA_REPLY);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<HttpResponse<String>> first = client.submit(() -> a.resetPin("alice", "demo"));
        client.shutdown();
        smtp.awaitHeld();

        HttpResponse<String> second = b.resetPin("alice", "demo");
        HttpResponse<String> other = b.resetPin("dominique", "demo");
        smtp.release();

        SoapFault.expectException(second, "ResetPINException");
        assertTrue(second.body().contains("Another reset of this mailbox is in progress"), second.body());
        assertEquals(200, other.statusCode(), "another mailbox is not held up");
        assertEquals(200, first.get().statusCode());
        ResetInvariant.assertHolds(a, smtp.accepted(), "alice", 1, HISTORY);
    }

    /**
     * Eight clients reset ten mailboxes through two instances while PostgreSQL is stopped and
     * started again. A reset in flight may fail, and one whose e-mail was taken just before the
     * commit failed leaves that e-mail with a PIN that never worked; every answered reset is
     * committed, and afterwards both instances serve again, without a restart of their own. A
     * commit whose answer the stopping server lost is read back; only when that read fails too
     * may a fault's PIN be committed, and its log line says the outcome is unknown.
     */
    @Test
    void postgresRestartedUnderLoad() throws Exception {
        Map<String, String> settings = Map.of("umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 10).toString(),
                "umpin.db.connection-timeout-ms", "1000", "umpin.reset.lock-wait-ms", "30000");
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        LongAdder faults = new LongAdder();
        int resets = 400;
        CountDownLatch aQuarterDone = new CountDownLatch(resets / 4);

        try (CapturedLog log = CapturedLog.attach()) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < resets; i++) {
                UmpinServer via = i % 2 == 0 ? a : b;
                String login = "user" + (i % 10 + 1);
                work.add(clients.submit(() -> {
                    HttpResponse<String> response = via.resetPin(login, "demo");
                    if (response.statusCode() == 200) {
                        answered.computeIfAbsent(login, l -> new AtomicInteger()).incrementAndGet();
                    } else {
                        SoapFault fault = SoapFault.parse(response.body());
                        assertTrue(List.of("ErrorInternalServerError", "ResetPINException").contains(fault.code()), response.body());
                        faults.increment();
                    }
                    aQuarterDone.countDown();
                    return null;
                }));
            }
            assertTrue(aQuarterDone.await(120, TimeUnit.SECONDS));
            postgres.stop();
            HttpResponse<String> down = a.management().get("/observe/health/ready?exposureLevel=full");
            assertEquals(503, down.statusCode(), "not ready while PostgreSQL is down: " + down.body());
            assertTrue(down.body().contains("\"store\""), down.body());
            postgres.startAgain();
            for (Future<?> future : work) {
                future.get();
            }
            clients.shutdown();

            // the guarantee: each e-mail whose PIN never became valid gets its correction, once,
            // from whichever instance claims it first
            clock.move(PendingPins.UNSETTLED_AFTER.plusSeconds(1));
            runTogether(() -> a.scan("pin-corrections"), () -> b.scan("pin-corrections"));
            assertEquals(0, a.view().intents(), "every intent settled");
            int corrections = 0;
            for (int user = 1; user <= 10; user++) {
                corrections += ResetInvariant.assertEveryMailedPinWorksOrIsCorrected(a.view(), smtp.accepted(), "user" + user);
            }
            assertEquals(corrections, a.management().sample("umpin_pin_corrections_total{outcome=\"sent\"}")
                    + b.management().sample("umpin_pin_corrections_total{outcome=\"sent\"}"), "one correction per intent");
            int correctionMails = corrections;

            int ok = answered.values().stream().mapToInt(AtomicInteger::get).sum();
            assertEquals(resets, ok + faults.intValue());
            assertTrue(faults.intValue() > 0, "the restart cost some requests a fault");
            int pinMails = smtp.accepted().size() - correctionMails;
            assertTrue(pinMails >= ok && pinMails - ok <= faults.intValue(),
                    "one e-mail per answered reset, at most one more per fault");
            for (int user = 1; user <= 10; user++) {
                String login = "user" + user;
                int ok200 = answered.getOrDefault(login, new AtomicInteger()).get();
                long unknown = log.lines().stream()
                        .filter(line -> line.contains("(login " + login + ")") && line.contains("commit is unknown")).count();
                StoreView.StoredPin stored = a.stored(login);
                long committed = stored.history().isEmpty() ? 0 : stored.history().get(stored.history().size() - 1).getKey();
                assertTrue(committed >= ok200 && committed <= ok200 + unknown, login + ": every answered reset, and only those,"
                        + " committed, but for faults whose commit is unknown: " + committed + " committed, " + ok200
                        + " answered, " + unknown + " unknown");
                HttpResponse<String> after = (user % 2 == 0 ? a : b).resetPin(login, "demo");
                assertEquals(200, after.statusCode(), "served again after the restart: " + after.body());
                assertTrue(a.isCurrentPin(login, PinMail.of(smtp.accepted().get(smtp.accepted().size() - 1)).pin()));
            }
            assertFalse(answered.isEmpty());
            assertEquals(200, a.management().get("/observe/health/ready").statusCode(), "ready again");
        }
    }

    /**
     * Two instances on one PostgreSQL scan for the same expiry warnings at the same time, in small
     * batches: each PIN is warned of exactly once, by one of them.
     */
    @Test
    void expiryWarningsThroughTwoInstancesAreSentOnce() throws Exception {
        Map<String, String> settings = Map.of("umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, 30).toString(),
                "umpin.expiry-warning.batch-size", "4");
        UmpinServer a = instance(settings);
        UmpinServer b = instance(settings);
        for (int user = 1; user <= 30; user++) {
            assertEquals(200, (user % 2 == 0 ? a : b).resetPin("user" + user, "demo").statusCode());
        }
        try (var c = a.store(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE pin_state SET pin_expired = FALSE"); // as if each user had chosen a PIN
        }
        clock.move(java.time.Duration.ofDays(50));

        runTogether(() -> a.scan("expiry-warning"), () -> b.scan("expiry-warning"));
        runTogether(() -> a.scan("expiry-warning"), () -> b.scan("expiry-warning"));

        Map<String, Integer> warned = new HashMap<>();
        for (var message : PinMail.ofKind(smtp.accepted(), "expiry-warning")) {
            warned.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        assertEquals(30, warned.size(), "every PIN warned of: " + warned);
        warned.forEach((to, count) -> assertEquals(1, count, to + " warned of once"));
        assertEquals(30.0, a.management().sample("umpin_expiry_warnings_total{outcome=\"sent\"}")
                + b.management().sample("umpin_expiry_warnings_total{outcome=\"sent\"}"));
    }

    /** Runs each at once on its own thread, and returns when all are done. */
    private static void runTogether(Runnable... scans) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(scans.length);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable scan : scans) {
                done.add(pool.submit(scan));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }

    private UmpinServer instance(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("umpin.db.url", url);
        settings.put("umpin.db.user", "postgres");
        return umpins.start(settings, Map.of("umpinClock", clock));
    }
}
