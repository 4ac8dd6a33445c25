package org.umpin.pin;

import java.security.SecureRandom;
import java.util.function.Predicate;

/**
 * Draws random PINs until one passes the mailbox's policy. Bounded: a policy that cannot
 * be met (an extension that blocks nearly every PIN, say) fails instead of spinning.
 */
public final class PinGenerator {

    /** With the default rules about 60% of 6-digit draws pass, so this bound is never reached by chance. */
    public static final int MAX_ATTEMPTS = 1_000;

    private final SecureRandom random;

    public PinGenerator(SecureRandom random) {
        this.random = random;
    }

    public PinGenerator() {
        this(new SecureRandom());
    }

    /**
     * @param usedBefore true for a PIN among the mailbox's last PINHistoryCount PINs;
     *                   asked only for PINs that pass the other rules, since it is slow
     */
    public Pin generate(PinPolicy policy, String extension, Predicate<Pin> usedBefore) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String digits = draw(policy.minPinLength());
            if (PinRules.obeys(digits, policy, extension)) {
                Pin pin = new Pin(digits);
                if (!usedBefore.test(pin)) {
                    return pin;
                }
            }
        }
        throw new ResetPinException("No PIN that satisfies the mailbox's PIN policy could be generated.");
    }

    private String draw(int length) {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
