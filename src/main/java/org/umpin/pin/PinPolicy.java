package org.umpin.pin;

import java.time.Duration;
import java.util.Optional;

/**
 * A mailbox's PIN policy, after Exchange's UM mailbox policy. The ranges are Exchange's own.
 *
 * @param pinLifetimeDays days until a PIN expires; empty means unlimited
 */
public record PinPolicy(
        String name,
        int minPinLength,
        Optional<Integer> pinLifetimeDays,
        int pinHistoryCount,
        boolean allowCommonPatterns,
        String resetPinText) {

    public static final int RESET_PIN_TEXT_MAX = 512;

    /** Exchange's defaults: 6 digits, 60 days, 5 remembered PINs, common patterns refused. */
    public static PinPolicy defaults(String name) {
        return new PinPolicy(name, 6, Optional.of(60), 5, false, "");
    }

    public PinPolicy {
        requireRange(name, "MinPINLength", minPinLength, 4, 24);
        pinLifetimeDays.ifPresent(days -> requireRange(name, "PINLifetime", days, 1, 999));
        requireRange(name, "PINHistoryCount", pinHistoryCount, 1, 20);
        resetPinText = resetPinText == null ? "" : resetPinText;
        if (resetPinText.length() > RESET_PIN_TEXT_MAX) {
            throw new IllegalArgumentException("policy " + name + ": ResetPINText is longer than "
                    + RESET_PIN_TEXT_MAX + " characters");
        }
    }

    public Optional<Duration> pinLifetime() {
        return pinLifetimeDays.map(Duration::ofDays);
    }

    private static void requireRange(String name, String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("policy " + name + ": " + setting + " must be "
                    + min + "-" + max + ", got " + value);
        }
    }
}
