package org.umpin.pin;

import java.util.List;
import java.util.Optional;
import org.umpin.secret.SecretHasher;

/**
 * A mailbox's last PINs, as their hashes, newest first: what a new PIN must not be one of
 * (PINHistoryCount). A new PIN is hashed under the salt of the newest, so that its one
 * derivation is compared with every entry made the same way; an older entry, made with a salt
 * of its own, costs a derivation of its own until the history has rolled past it.
 */
public record PinHistory(List<String> hashes) {

    public PinHistory {
        hashes = List.copyOf(hashes);
    }

    /** The hash {@code digits} is to be stored under, or empty when it is one of these PINs. */
    public Optional<String> hashIfNew(String digits, SecretHasher hasher) {
        String hash = hasher.hashLike(digits, hashes.stream().findFirst());
        return hashes.stream().anyMatch(stored -> hasher.sameSecret(digits, hash, stored)) ? Optional.empty() : Optional.of(hash);
    }
}
