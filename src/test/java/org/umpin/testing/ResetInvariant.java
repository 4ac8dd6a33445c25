package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The invariant a reset keeps, checked on what the SMTP server took and what the store holds:
 * the e-mails a mailbox got, in order, carry its PINs, newest the current one; its history is
 * exactly the newest of them (no gap, no duplicate); and no e-mail went out for a fault.
 */
public final class ResetInvariant {

    private ResetInvariant() {
    }

    /**
     * {@code successes}: how many resets of the mailbox answered ResetPINResponse, since a
     * store with no PIN for it. Each must have exactly one e-mail, and no other e-mail exists.
     */
    public static void assertHolds(UmpinServer umpin, List<MimeMessage> accepted, String login, int successes, int historyCount)
            throws Exception {
        String address = umpin.mailbox(login).smtpAddress().orElseThrow();
        List<String> pins = new ArrayList<>();
        for (MimeMessage message : PinMail.ofKind(accepted, "reset")) {
            if (message.getAllRecipients()[0].toString().equals(address)) {
                pins.add(PinMail.of(message).pin());
            }
        }
        assertEquals(successes, pins.size(), login + ": one e-mail per ResetPINResponse, none for a fault");
        StoreView.StoredPin stored = umpin.stored(login);
        if (successes == 0) {
            assertTrue(stored.state().isEmpty(), login + " has no PIN");
            return;
        }
        assertTrue(umpin.isCurrentPin(login, pins.get(pins.size() - 1)), login + ": the last e-mail's PIN is current");
        List<Map.Entry<Long, String>> history = stored.history();
        assertEquals(Math.min(successes, historyCount), history.size(), login + ": history length");
        assertEquals(successes, history.get(history.size() - 1).getKey(), login + ": one history entry per reset");
        for (int i = 0; i < history.size(); i++) {
            Map.Entry<Long, String> entry = history.get(i);
            assertEquals(history.get(0).getKey() + i, entry.getKey(), login + ": no gap in the history");
            String mailed = pins.get((int) (entry.getKey() - 1));
            assertTrue(umpin.hasher().verify(mailed, entry.getValue()),
                    login + ": history entry " + entry.getKey() + " is the PIN of e-mail " + entry.getKey());
        }
        assertEquals(history.size(), new HashSet<>(history.stream().map(Map.Entry::getValue).toList()).size(),
                login + ": no duplicate in the history");
    }

    /**
     * The guarantee of docs/reliability.md, on what the SMTP server took and what the store holds:
     * every PIN e-mailed to the mailbox works, or a later e-mail says it does not. The newest PIN
     * e-mail's PIN is the current one unless a correction names it; each older one was replaced
     * by a newer PIN e-mail; a correction names (by its X-Umpin-Reset header) a reset whose PIN is
     * not current, when the SMTP server took that reset's e-mail (a correction may follow an
     * e-mail that umpin could not know had not gone: it says "may have"); no reset is corrected twice.
     *
     * @return how many corrections the mailbox got
     */
    public static int assertEveryMailedPinWorksOrIsCorrected(StoreView store, List<MimeMessage> accepted, String login)
            throws Exception {
        String address = store.mailbox(login).smtpAddress().orElseThrow();
        Map<String, String> pinOfReset = new HashMap<>();
        String newestReset = null;
        Map<String, Integer> corrections = new HashMap<>();
        for (MimeMessage message : accepted) {
            if (!message.getAllRecipients()[0].toString().equals(address)) {
                continue;
            }
            String kind = message.getHeader("X-Umpin-Mail", null);
            String reset = message.getHeader("X-Umpin-Reset", null);
            if ("reset".equals(kind)) {
                assertTrue(reset != null && pinOfReset.put(reset, PinMail.of(message).pin()) == null,
                        login + ": each PIN e-mail names its own reset: " + reset);
                newestReset = reset;
            } else if ("pin-not-set".equals(kind)) {
                assertTrue(reset != null, login + ": a correction names the reset it corrects");
                if (pinOfReset.containsKey(reset)) {
                    assertFalse(store.isCurrentPin(login, pinOfReset.get(reset)), login + ": a correction of a PIN that works");
                }
                assertEquals(1, corrections.merge(reset, 1, Integer::sum), login + ": one correction per PIN e-mail");
            }
        }
        if (newestReset != null && !corrections.containsKey(newestReset)) {
            assertTrue(store.isCurrentPin(login, pinOfReset.get(newestReset)),
                    login + ": the newest PIN e-mail, not corrected, carries the current PIN");
        }
        return corrections.size();
    }

    /** A directory file with {@code count} UM-enabled mailboxes user1..userN (password demo), for load. */
    public static Path mailboxes(Path dir, int count) throws IOException {
        StringBuilder csv = new StringBuilder("# login,smtp_address,display_name,password,extension,language,um_enabled,enabled,pin_policy\n");
        for (int i = 1; i <= count; i++) {
            csv.append("user").append(i).append(",user").append(i).append("@contoso.example,User ").append(i)
                    .append(",demo,").append(50000 + i).append(",en-US,true,true,default\n");
        }
        Path file = dir.resolve("mailboxes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * {@code resets} parallel resets of alice through two instances, whose limit is {@code limit}:
     * exactly that many succeed, the others are refused by the limit, and the store holds them
     * as the invariant says.
     */
    public static void assertLimitHoldsUnderParallelResets(UmpinServer a, UmpinServer b, ScriptedSmtpServer smtp, int resets, int limit)
            throws Exception {
        List<HttpResponse<String>> responses = SoapClient.resetsInParallel(resets, i -> (i % 2 == 0 ? a : b), i -> "alice");

        assertEquals(limit, responses.stream().filter(r -> r.statusCode() == 200).count(), "the count is read under the row lock");
        for (HttpResponse<String> response : responses.stream().filter(r -> r.statusCode() != 200).toList()) {
            assertTrue(response.body().contains("reset too many times"), response.body());
        }
        ResetInvariant.assertHolds(a, smtp.accepted(), "alice", limit, 5);
        assertEquals(resets - limit, a.view().auditFaults("ResetPINException"));
    }
}
