package org.umpin.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.umpin.secret.SecretHasher;

/** A new PIN against a mailbox's history: one derivation for the entries that share its salt, one more per older entry. */
class PinHistoryTest {

    private final SecretHasher hasher = new SecretHasher("test-pepper", 1_000);

    /** The history after setting {@code pins} in order, each hashed as umpin now hashes a mailbox's PINs. */
    private List<String> sharingOneSalt(String... pins) {
        List<String> newestFirst = new ArrayList<>();
        for (String pin : pins) {
            newestFirst.add(0, new PinHistory(newestFirst).hashIfNew(pin, hasher).orElseThrow());
        }
        return newestFirst;
    }

    @Test
    void aNewPinCostsOneDerivationWhateverTheHistorysLength() {
        PinHistory history = new PinHistory(sharingOneSalt("135791", "246802", "975318", "864209", "192837"));

        long before = hasher.derivations();
        Optional<String> fresh = history.hashIfNew("555123", hasher);
        assertEquals(1, hasher.derivations() - before);
        assertTrue(fresh.isPresent());
        assertTrue(hasher.verify("555123", fresh.get()), "the hash stored verifies as any other");

        before = hasher.derivations();
        assertEquals(Optional.empty(), history.hashIfNew("975318", hasher), "a PIN of the history is refused");
        assertEquals(1, hasher.derivations() - before);
    }

    @Test
    void hashesMadeBeforePinsSharedASaltStillCountAtADerivationEach() {
        // a store written before: every hash with a salt of its own
        List<String> legacy = List.of(hasher.hash("135791"), hasher.hash("246802"), hasher.hash("975318"));
        PinHistory history = new PinHistory(legacy);

        // the newest entry's salt becomes the mailbox's: the new PIN's derivation is compared with
        // it, and each older entry costs one of its own
        long before = hasher.derivations();
        assertEquals(Optional.empty(), history.hashIfNew("246802", hasher));
        assertEquals(1 + 1, hasher.derivations() - before, "found at the second entry");
        before = hasher.derivations();
        Optional<String> fresh = history.hashIfNew("555123", hasher);
        assertTrue(fresh.isPresent());
        assertEquals(1 + legacy.size() - 1, hasher.derivations() - before);

        // the PINs set from now on share that salt, until the older entries have rolled out of the history
        List<String> rolled = new ArrayList<>(legacy.subList(0, 1));
        rolled.add(0, fresh.get());
        before = hasher.derivations();
        assertTrue(new PinHistory(rolled).hashIfNew("777999", hasher).isPresent());
        assertEquals(1, hasher.derivations() - before);
    }

    @Test
    void aHashAtAnotherCostIsVerifiedNotCompared() {
        SecretHasher cheaper = new SecretHasher("test-pepper", 1_001);
        PinHistory history = new PinHistory(List.of(cheaper.hash("135791")));

        assertEquals(Optional.empty(), history.hashIfNew("135791", hasher), "found by verification, at its own cost");
        assertTrue(history.hashIfNew("135792", hasher).isPresent());
    }
}
