package org.umpin.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.MovableClock;
import org.umpin.testing.PinMail;
import org.umpin.testing.ResetInvariant;
import org.umpin.testing.ScriptedSmtpServer.Fault;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/**
 * The soak run: thousands of resets from parallel clients while the SMTP server misbehaves at
 * random, then the invariant checked for every mailbox. Not in the default suite (its name
 * matches none of surefire's patterns); the soak profile runs it alone:
 * {@code mvn -B -Psoak test} (-Dsoak.resets, -Dsoak.seed to vary it). The summary line goes to
 * standard output and to target/soak-result.txt.
 */
class ResetSoak {

    private static final int MAILBOXES = 20;
    private static final int CLIENTS = 8;
    private static final int HISTORY = 5;

    @TempDir
    Path temp;

    @Test
    void resetsUnderRandomSmtpFaultsKeepTheInvariant() throws Exception {
        int resets = Integer.getInteger("soak.resets", 5_000);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Random random = new Random(seed);
        MovableClock clock = new MovableClock();
        Map<Fault, LongAdder> injected = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new LongAdder());
        }
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
             UmpinServer umpin = UmpinServer.start(smtp.port(), Map.of(
                     "umpin.demo.mailboxes", ResetInvariant.mailboxes(temp, MAILBOXES).toString(),
                     "umpin.mail.timeout-ms", "500",
                     "umpin.mail.retries", "2",
                     "umpin.mail.retry-delay-ms", "10",
                     "umpin.reset.lock-wait-ms", "60000"), Map.of("umpinClock", clock))) {
            smtp.otherwise(() -> {
                Fault fault = pick(random);
                injected.get(fault).increment();
                return fault;
            });
            Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
            LongAdder mailFaults = new LongAdder();
            long started = System.nanoTime();

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> work = new java.util.ArrayList<>();
                for (int i = 0; i < resets; i++) {
                    String login = "user" + (1 + Math.floorMod(random.nextInt(), MAILBOXES));
                    work.add(clients.submit(() -> {
                        HttpResponse<String> response = umpin.resetPin(login, "demo");
                        if (response.statusCode() == 200) {
                            successes.computeIfAbsent(login, l -> new AtomicInteger()).incrementAndGet();
                        } else {
                            SoapFault.expectException(response, "ResetPINException");
                            assertTrue(response.body().contains("could not be sent"), response.body());
                            mailFaults.increment();
                        }
                        return null;
                    }));
                }
                for (Future<?> done : work) {
                    done.get();
                }
            } finally {
                clients.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            int ok = successes.values().stream().mapToInt(AtomicInteger::get).sum();
            assertEquals(resets, ok + mailFaults.intValue(), "every reset answered");
            assertEquals(ok, PinMail.ofKind(smtp.accepted(), "reset").size(),
                    "one accepted e-mail per ResetPINResponse, none for a fault");
            for (int user = 1; user <= MAILBOXES; user++) {
                String login = "user" + user;
                int answered = successes.getOrDefault(login, new AtomicInteger()).get();
                ResetInvariant.assertHolds(umpin, smtp.accepted(), login, answered, HISTORY);
                // the audit trail agrees with what the callers were told
                assertEquals(answered, umpin.view().audit(login).stream().filter(row -> row.get("outcome").equals("success")).count(),
                        login + ": one success row per ResetPINResponse");
            }
            assertEquals(mailFaults.intValue(), umpin.view().auditFaults("ResetPINException"), "one fault row per fault");
            // what the silent and dropping relay left: corrected once the relay behaves, every PIN mailed works or is corrected
            smtp.otherwise(() -> Fault.NONE);
            clock.move(Duration.ofMinutes(1));
            umpin.scan("pin-corrections");
            assertEquals(0, umpin.view().intents(), "every intent settled");
            int corrections = 0;
            for (int user = 1; user <= MAILBOXES; user++) {
                corrections += ResetInvariant.assertEveryMailedPinWorksOrIsCorrected(umpin.view(), smtp.accepted(), "user" + user);
            }
            String summary = String.format(java.util.Locale.ROOT,
                    "soak: resets=%d ok=%d mail_faults=%d smtp_connections=%d injected=%s clients=%d mailboxes=%d"
                            + " seconds=%.1f resets_per_s=%.1f seed=%d invariant=held audit=agrees corrections=%d",
                    resets, ok, mailFaults.intValue(), smtp.connections(), injected, CLIENTS, MAILBOXES,
                    seconds, resets / seconds, seed, corrections);
            System.out.println(summary);
            Files.writeString(Path.of("target/soak-result.txt"), summary + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Mostly a healthy server; otherwise each fault the SMTP relay can throw at umpin. */
    private static Fault pick(Random random) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return Fault.NONE;
        }
        if (roll < 82) {
            return Fault.TEMPORARY;
        }
        if (roll < 89) {
            return Fault.PERMANENT;
        }
        if (roll < 96) {
            return Fault.DROP_MID_DATA;
        }
        return Fault.SILENT;
    }
}
