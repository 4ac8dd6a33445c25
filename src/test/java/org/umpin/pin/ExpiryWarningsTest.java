package org.umpin.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which PINs a scan finds, and the claim that checks each again under the mailbox's lock, on a
 * real H2 store: a PIN changed between the scan and the send is not warned of, and a mailbox
 * another change holds (in this process, or another one on the same store) is left to a later scan.
 */
class ExpiryWarningsTest {

    private static final PinPolicy POLICY = PinPolicy.defaults("default");
    private static final Instant SET_AT = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant DUE = SET_AT.plus(Duration.ofDays(60 - 14)).plusSeconds(1);

    private HikariDataSource store;
    private long mailboxId;

    @BeforeEach
    void aPinOfTheUsersOwn() throws SQLException {
        AStore opened = AStore.withAlice(4);
        store = opened.store();
        mailboxId = opened.aliceId();
        try (PinChange change = new PinStore(store).begin(mailboxId)) {
            change.choose("hash-1", POLICY, SET_AT);
            change.commit();
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ExpiryWarnings warnings(PinStore pins) {
        return new ExpiryWarnings(store, pins, Map.of(POLICY, 14));
    }

    @Test
    void aPinIsDueFromItsDaysBeforeItsExpiryUntilItExpires() {
        ExpiryWarnings warnings = warnings(new PinStore(store));
        assertEquals(List.of(), warnings.due(DUE.minusSeconds(2), 0, 10));
        assertEquals(List.of(new ExpiryWarnings.Due(mailboxId, "alice")), warnings.due(DUE, 0, 10));
        assertEquals(List.of(), warnings.due(DUE, mailboxId, 10), "after the last mailbox read");
        assertEquals(List.of(), warnings.due(SET_AT.plus(Duration.ofDays(60)), 0, 10), "expired: too late to warn");
        assertEquals(List.of(), new ExpiryWarnings(store, new PinStore(store), Map.of()).due(DUE, 0, 10),
                "no policy warns");
    }

    @Test
    void aPinChangedBetweenTheScanAndTheSendIsNotWarnedOf() {
        PinStore pins = new PinStore(store);
        ExpiryWarnings warnings = warnings(pins);
        assertEquals(1, warnings.due(DUE, 0, 10).size());

        try (PinChange change = pins.begin(mailboxId)) {
            change.choose("hash-2", POLICY, DUE);
            change.commit();
        }

        assertTrue(warnings.claim(mailboxId, POLICY, DUE).isEmpty(), "the new PIN expires in 60 days");
    }

    @Test
    void aMailboxAnotherChangeHoldsIsLeftToALaterScanAndAWarnedPinIsNotClaimedAgain() {
        PinStore here = new PinStore(store);
        PinStore otherInstance = new PinStore(store);
        ExpiryWarnings warnings = warnings(here);
        try (PinChange reset = here.begin(mailboxId)) {
            assertTrue(warnings.claim(mailboxId, POLICY, DUE).isEmpty(), "held in this process");
        }
        try (PinChange reset = otherInstance.begin(mailboxId)) {
            assertTrue(warnings.claim(mailboxId, POLICY, DUE).isEmpty(), "held by another instance: its row lock");
        }

        ExpiryWarnings.Claimed claimed = warnings.claim(mailboxId, POLICY, DUE).orElseThrow();
        assertEquals(SET_AT.plus(Duration.ofDays(60)), claimed.expiresAt());
        warnings.warned(claimed.change());

        assertTrue(warnings.claim(mailboxId, POLICY, DUE).isEmpty(), "warned of: once per PIN");
        assertEquals(List.of(), warnings.due(DUE, 0, 10));
    }
}
