package org.umpin.secret;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted, slow, peppered hashes of short secrets (PINs and passwords).
 *
 * <p>Format: {@code $pbkdf2-sha256-hmac$<iterations>$<salt b64>$<hash b64>}. The iteration
 * count travels with each hash, so the cost can be raised later without invalidating
 * stored hashes. The pepper is an HMAC key kept in configuration, not in the database:
 * a stolen database alone cannot be brute-forced, which matters for a 6-digit PIN.
 */
public final class SecretHasher {

    private static final String SCHEME = "pbkdf2-sha256-hmac";
    /** The lowest PBKDF2 cost umpin accepts (umpin.hash.iterations), and the cost of each of {@link #warmUp}'s derivations. */
    public static final int MIN_ITERATIONS = 1_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final byte[] pepper;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder derivations = new LongAdder();
    /** What {@link #refuse} verifies against. */
    private volatile String decoyHash;

    public SecretHasher(String pepper, int iterations) {
        if (pepper == null || pepper.isEmpty()) {
            throw new IllegalArgumentException("the pepper must not be empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations, got " + iterations);
        }
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
        this.iterations = iterations;
    }

    public String hash(CharSequence secret) {
        return hashLike(secret, Optional.empty());
    }

    /**
     * The hash of {@code secret} under the salt of {@code sibling} when that is a hash of this
     * scheme at this cost, else under a new random salt: a mailbox's PINs share one salt, so
     * that a new PIN's one derivation is compared with every earlier one ({@link #sameSecret}).
     */
    public String hashLike(CharSequence secret, Optional<String> sibling) {
        byte[] salt = sibling.flatMap(this::currentSalt).orElseGet(() -> {
            byte[] fresh = new byte[SALT_BYTES];
            random.nextBytes(fresh);
            return fresh;
        });
        return "$" + SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(secret, salt, iterations));
    }

    /**
     * Whether {@code stored} was made from the secret that {@code hash} (of {@code secret}, from
     * {@link #hashLike}) was made from: a comparison when both have the same salt and cost, no
     * derivation; else a verification of {@code secret} against {@code stored}, one derivation
     * (a hash made before PINs shared a salt, or at another cost).
     */
    public boolean sameSecret(CharSequence secret, String hash, String stored) {
        Optional<Stored> mine = Stored.parse(hash);
        Optional<Stored> theirs = Stored.parse(stored);
        if (mine.isPresent() && theirs.isPresent() && mine.get().sameSaltAndCost(theirs.get())) {
            return MessageDigest.isEqual(mine.get().hash(), theirs.get().hash());
        }
        return verify(secret, stored);
    }

    /** How many key derivations this hasher made: each costs {@link #iterations()} rounds of PBKDF2. */
    public long derivations() {
        return derivations.sum();
    }

    /** The salt of {@code hash} when it is of this scheme at this cost. */
    private Optional<byte[]> currentSalt(String hash) {
        return Stored.parse(hash).filter(stored -> stored.iterations() == iterations && stored.salt().length == SALT_BYTES)
                .map(Stored::salt);
    }

    /** A hash as stored, {@code $pbkdf2-sha256-hmac$<iterations>$<salt>$<hash>}, read. */
    private record Stored(int iterations, byte[] salt, byte[] hash) {

        /** Empty for null, another scheme or anything malformed. */
        static Optional<Stored> parse(String stored) {
            if (stored == null) {
                return Optional.empty();
            }
            String[] parts = stored.split("\\$");
            if (parts.length != 5 || !parts[0].isEmpty() || !SCHEME.equals(parts[1])) {
                return Optional.empty();
            }
            try {
                Stored read = new Stored(Integer.parseInt(parts[2]), B64D.decode(parts[3]), B64D.decode(parts[4]));
                // PBKDF2 takes neither: a derivation would throw
                return read.iterations() > 0 && read.salt().length > 0 ? Optional.of(read) : Optional.empty();
            } catch (IllegalArgumentException malformed) {
                return Optional.empty(); // NumberFormatException included
            }
        }

        boolean sameSaltAndCost(Stored other) {
            return iterations == other.iterations && Arrays.equals(salt, other.salt);
        }
    }

    /**
     * Spends what verifying {@code secret} costs, and refuses it: for a name no account or PIN
     * stands behind, so that a wrong name takes as long to refuse as a wrong secret.
     */
    public boolean refuse(CharSequence secret) {
        if (decoyHash == null) {
            decoyHash = hash("decoy");
        }
        verify(secret, decoyHash);
        return false;
    }

    /** True when {@code secret} is the one {@code stored} was made from; false for any malformed hash. */
    public boolean verify(CharSequence secret, String stored) {
        return Stored.parse(stored).map(hash -> MessageDigest.isEqual(hash.hash(), derive(secret, hash.salt(), hash.iterations())))
                .orElse(false);
    }

    /** How often {@link #warmUp} derives: enough calls for the JIT to compile PBKDF2's HMAC fully (docs/performance.md#start-up). */
    static final int WARM_UP_DERIVATIONS = 8;

    /**
     * Runs PBKDF2 {@link #WARM_UP_DERIVATIONS} times at the lowest cost umpin allows, on nothing
     * secret and not counted: in a thread of its own while the service starts, so that the JIT
     * has compiled it before the first caller waits for it. bin/umpin lowers the JIT's
     * thresholds for the JDK's digest and HMAC classes, so these few calls are enough; the first
     * reset at the default 210,000 iterations otherwise ran its two derivations half compiled.
     */
    public static void warmUp() {
        PBEKeySpec spec = new PBEKeySpec(new char[] {'-'}, new byte[SALT_BYTES], MIN_ITERATIONS, HASH_BITS);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            for (int i = 0; i < WARM_UP_DERIVATIONS; i++) {
                factory.generateSecret(spec);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private byte[] derive(CharSequence secret, byte[] salt, int rounds) {
        derivations.increment();
        char[] chars = toChars(secret);
        PBEKeySpec spec = new PBEKeySpec(chars, salt, rounds, HASH_BITS);
        try {
            byte[] stretched = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac.doFinal(stretched);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static char[] toChars(CharSequence secret) {
        CharBuffer buffer = CharBuffer.wrap(secret);
        char[] chars = new char[buffer.remaining()];
        buffer.get(chars);
        return chars;
    }

    public int iterations() {
        return iterations;
    }
}
