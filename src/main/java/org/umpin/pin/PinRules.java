package org.umpin.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a new PIN must pass, apart from history (which needs the stored hashes).
 *
 * <p>With common patterns refused, the rules match Exchange and its stricter peers (Lync,
 * Cisco Unity Connection): no run of 4 ascending or descending digits, no digit 3 times
 * in a row, at least 3 distinct digits, not one group repeated. The extension rule holds
 * whatever the policy says.
 */
public final class PinRules {

    /** Why a PIN is refused, in words an administrator can look up. */
    public enum Violation {
        TOO_SHORT,
        ASCENDING_OR_DESCENDING_RUN,
        REPEATED_DIGIT,
        TOO_FEW_DISTINCT_DIGITS,
        REPEATED_GROUP,
        CONTAINS_EXTENSION
    }

    /**
     * Why a PIN a user chose is refused: the telephony API's stable names ({@link #word()}), so
     * that a voicemail front end can tell the caller why. {@code IN_HISTORY} needs the stored
     * hashes and is found by the caller of {@link #refusals}.
     */
    public enum Refusal {
        TOO_SHORT, TOO_LONG, NOT_DIGITS, COMMON_PATTERN, CONTAINS_EXTENSION, IN_HISTORY;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final int LONGEST_RUN = 3;
    static final int LONGEST_REPEAT = 2;
    static final int MIN_DISTINCT = 3;

    /** Whether a PIN someone gives is 4 to 24 digits: anything else is refused before a hash is spent on it, and counts as no logon. */
    public static boolean isWellFormed(String pin) {
        return pin.length() >= 4 && pin.length() <= 24 && pin.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private PinRules() {
    }

    public static Optional<Violation> check(String pin, PinPolicy policy, String extension) {
        if (pin.length() < policy.minPinLength()) {
            return Optional.of(Violation.TOO_SHORT);
        }
        if (containsExtension(pin, extension)) {
            return Optional.of(Violation.CONTAINS_EXTENSION);
        }
        return policy.allowCommonPatterns() ? Optional.empty() : commonPattern(pin);
    }

    /**
     * Every rule a PIN a user chose breaks, history apart, in {@link Refusal}'s order: the whole
     * policy, as for a generated PIN, and at most {@link PinPolicy#MAX_PIN_LENGTH} digits.
     */
    public static List<Refusal> refusals(String pin, PinPolicy policy, String extension) {
        List<Refusal> refusals = new ArrayList<>();
        if (pin.length() < policy.minPinLength()) {
            refusals.add(Refusal.TOO_SHORT);
        }
        if (pin.length() > PinPolicy.MAX_PIN_LENGTH) {
            refusals.add(Refusal.TOO_LONG);
        }
        if (!pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            refusals.add(Refusal.NOT_DIGITS);
            return refusals; // the patterns are patterns of digits
        }
        if (!policy.allowCommonPatterns() && commonPattern(pin).isPresent()) {
            refusals.add(Refusal.COMMON_PATTERN);
        }
        if (containsExtension(pin, extension)) {
            refusals.add(Refusal.CONTAINS_EXTENSION);
        }
        return refusals;
    }

    /** The extension rule, which holds whatever the policy says: the extension, or it reversed. */
    private static boolean containsExtension(String pin, String extension) {
        return extension != null && !extension.isEmpty()
                && (pin.contains(extension) || pin.contains(new StringBuilder(extension).reverse()));
    }

    private static Optional<Violation> commonPattern(String pin) {
        if (longestStep(pin, 1) > LONGEST_RUN || longestStep(pin, -1) > LONGEST_RUN) {
            return Optional.of(Violation.ASCENDING_OR_DESCENDING_RUN);
        }
        if (longestStep(pin, 0) > LONGEST_REPEAT) {
            return Optional.of(Violation.REPEATED_DIGIT);
        }
        if (pin.chars().distinct().count() < MIN_DISTINCT) {
            return Optional.of(Violation.TOO_FEW_DISTINCT_DIGITS);
        }
        if (isRepeatedGroup(pin)) {
            return Optional.of(Violation.REPEATED_GROUP);
        }
        return Optional.empty();
    }

    /** The longest run of digits in which each differs from the one before by {@code step}. */
    private static int longestStep(String pin, int step) {
        int longest = 1;
        int current = 1;
        for (int i = 1; i < pin.length(); i++) {
            current = pin.charAt(i) - pin.charAt(i - 1) == step ? current + 1 : 1;
            longest = Math.max(longest, current);
        }
        return longest;
    }

    /** {@code 1212}, {@code 408408}: the whole PIN is one shorter group written again and again. */
    private static boolean isRepeatedGroup(String pin) {
        int n = pin.length();
        for (int size = 1; size <= n / 2; size++) {
            if (n % size == 0 && pin.substring(0, size).repeat(n / size).equals(pin)) {
                return true;
            }
        }
        return false;
    }
}
