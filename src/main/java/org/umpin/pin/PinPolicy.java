package org.umpin.pin;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A mailbox's PIN policy, after Exchange's UM mailbox policy. The ranges are Exchange's own.
 *
 * @param pinLifetimeDays             days until a PIN expires, counted from when it was set with
 *                                    the lifetime of now (Exchange's rule); empty means unlimited
 * @param refuseWeakPins              umpin's own: widens AllowCommonPatterns' and the extension's
 *                                    rules ({@link PinRules}); false is exactly Exchange
 * @param maxLogonAttempts            consecutive failed telephone logons that lock the mailbox out;
 *                                    empty means unlimited: never locked
 * @param logonFailuresBeforePinReset consecutive failed logons after which (and after each further
 *                                    such number of them) the PIN is reset and mailed; empty means
 *                                    unlimited, and 0 too: no automatic reset
 */
public record PinPolicy(
        String name,
        int minPinLength,
        Optional<Integer> pinLifetimeDays,
        int pinHistoryCount,
        boolean allowCommonPatterns,
        boolean refuseWeakPins,
        String resetPinText,
        Optional<Integer> maxLogonAttempts,
        Optional<Integer> logonFailuresBeforePinReset) {

    public static final int RESET_PIN_TEXT_MAX = 512;

    /** The longest PIN a user may choose: Exchange's bound, and MinPINLength's upper one. */
    public static final int MAX_PIN_LENGTH = 24;
    public static final int DEFAULT_MAX_LOGON_ATTEMPTS = 15;
    public static final int DEFAULT_LOGON_FAILURES_BEFORE_PIN_RESET = 5;

    /**
     * Exchange's defaults: 6 digits, 60 days, 5 remembered PINs, common patterns refused, the PIN
     * reset after 5 failed logons and the mailbox locked after 15; and umpin's weak PINs refused.
     */
    public static PinPolicy defaults(String name) {
        return new PinPolicy(name, 6, Optional.of(60), 5, false, "");
    }

    /** A policy with Exchange's default logon bounds (15 attempts, a reset after every 5 failures), weak PINs refused. */
    public PinPolicy(String name, int minPinLength, Optional<Integer> pinLifetimeDays, int pinHistoryCount,
                     boolean allowCommonPatterns, String resetPinText) {
        this(name, minPinLength, pinLifetimeDays, pinHistoryCount, allowCommonPatterns, true, resetPinText,
                Optional.of(DEFAULT_MAX_LOGON_ATTEMPTS), Optional.of(DEFAULT_LOGON_FAILURES_BEFORE_PIN_RESET));
    }

    public PinPolicy {
        requireRange(name, "MinPINLength", minPinLength, 4, MAX_PIN_LENGTH);
        pinLifetimeDays.ifPresent(days -> requireRange(name, "PINLifetime", days, 1, 999));
        requireRange(name, "PINHistoryCount", pinHistoryCount, 1, 20);
        maxLogonAttempts.ifPresent(attempts -> requireRange(name, "MaxLogonAttempts", attempts, 1, 999));
        logonFailuresBeforePinReset.ifPresent(failures -> {
            requireRange(name, "LogonFailuresBeforePINReset", failures, 0, 999);
            maxLogonAttempts.filter(attempts -> failures >= attempts).ifPresent(attempts -> {
                throw new IllegalArgumentException("policy " + name + ": LogonFailuresBeforePINReset (" + failures
                        + ") must be lower than MaxLogonAttempts (" + attempts + "), or unlimited");
            });
        });
        resetPinText = resetPinText == null ? "" : resetPinText;
        if (resetPinText.length() > RESET_PIN_TEXT_MAX) {
            throw new IllegalArgumentException("policy " + name + ": ResetPINText is longer than "
                    + RESET_PIN_TEXT_MAX + " characters");
        }
    }

    public Optional<Duration> pinLifetime() {
        return pinLifetimeDays.map(Duration::ofDays);
    }

    /**
     * When a PIN set at {@code setAt} expires under this policy as it is now: Exchange keeps when a
     * PIN was set, not when it expires, so that a shorter lifetime expires PINs already set and
     * {@code unlimited} stops them expiring. Empty: never.
     */
    public Optional<Instant> expiryOf(Instant setAt) {
        return pinLifetime().map(setAt::plus);
    }

    /**
     * Whether the failed logon that brought the consecutive count to {@code failures} resets the
     * PIN: each multiple of LogonFailuresBeforePINReset below MaxLogonAttempts (5 and 10 of 15).
     */
    public boolean resetsPinAfter(int failures) {
        int every = logonFailuresBeforePinReset.orElse(0);
        return every > 0 && !locksOutAfter(failures) && failures % every == 0;
    }

    /** Whether {@code failures} consecutive failed logons lock the mailbox out; never with MaxLogonAttempts unlimited. */
    public boolean locksOutAfter(int failures) {
        return maxLogonAttempts.filter(attempts -> failures >= attempts).isPresent();
    }

    private static void requireRange(String name, String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("policy " + name + ": " + setting + " must be "
                    + min + "-" + max + ", got " + value);
        }
    }
}
