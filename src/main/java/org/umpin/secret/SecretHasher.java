package org.umpin.secret;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
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
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final byte[] pepper;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** What {@link #refuse} verifies against. */
    private volatile String decoyHash;

    public SecretHasher(String pepper, int iterations) {
        if (pepper == null || pepper.isEmpty()) {
            throw new IllegalArgumentException("the pepper must not be empty");
        }
        if (iterations < 1_000) {
            throw new IllegalArgumentException("at least 1000 iterations, got " + iterations);
        }
        this.pepper = pepper.getBytes(StandardCharsets.UTF_8);
        this.iterations = iterations;
    }

    public String hash(CharSequence secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return "$" + SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(secret, salt, iterations));
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
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 5 || !parts[0].isEmpty() || !SCHEME.equals(parts[1])) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[2]);
            byte[] salt = B64D.decode(parts[3]);
            byte[] expected = B64D.decode(parts[4]);
            return MessageDigest.isEqual(expected, derive(secret, salt, storedIterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private byte[] derive(CharSequence secret, byte[] salt, int rounds) {
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
