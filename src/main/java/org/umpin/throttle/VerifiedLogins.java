package org.umpin.throttle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins whose password was verified moments ago, for the callers that send their credentials
 * with every request (a voicemail front end, an administrator's tool): for {@code lifetime}
 * after a successful check, the same login and password need no second key derivation. An
 * entry is found by an HMAC of the login and the password under a key made at random when the
 * service starts and never stored, so that the cache holds no password nor anything a password
 * could be guessed from offline; it also holds the account's credential version, so that a
 * password changed in the directory ends the entry at once. Only successes are kept; at most
 * {@code capacity} entries, the oldest going first. A lifetime of 0 keeps none.
 */
public final class VerifiedLogins {

    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries;

    private record Entry(String credentialVersion, Instant until) {
    }

    public VerifiedLogins(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedLogins.this.capacity;
            }
        };
    }

    /** A cache that keeps nothing: every login is checked. */
    public static VerifiedLogins none() {
        return new VerifiedLogins(Duration.ZERO, 0, Clock.systemUTC());
    }

    /** Whether {@code user} logged in with {@code password} within the lifetime, its credential version unchanged. */
    public boolean holds(String user, String password, String credentialVersion) {
        if (lifetime.isZero() || password == null) {
            return false;
        }
        String id = id(user, password);
        synchronized (entries) {
            Entry entry = entries.get(id);
            if (entry == null) {
                return false;
            }
            if (!entry.credentialVersion().equals(credentialVersion) || !clock.instant().isBefore(entry.until())) {
                entries.remove(id);
                return false;
            }
            return true;
        }
    }

    /** {@code user}'s password was just verified. */
    public void remember(String user, String password, String credentialVersion) {
        if (lifetime.isZero() || password == null) {
            return;
        }
        String id = id(user, password);
        synchronized (entries) {
            entries.put(id, new Entry(credentialVersion, clock.instant().plus(lifetime)));
        }
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
