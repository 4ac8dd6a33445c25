package org.umpin.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.umpin.secret.SecretHasher;

/**
 * The rules a new PIN must pass, apart from history (which needs the stored hashes): the same
 * for a PIN umpin draws, a PIN a user chooses and a PIN an administrator sets.
 *
 * <p>Exchange's own rules (Set-UMMailboxPolicy's AllowCommonPatterns): the PIN may never be the
 * suffix of the mailbox's extension (extension {@code 4255558317}: {@code 558317}); with common
 * patterns refused, its digits may not all step by the same -1, 0 or +1 ({@code 123456},
 * {@code 654321}, {@code 111111}). umpin's {@code refuse-weak-pins} widens each rule after
 * Exchange's stricter peers (Lync, Cisco Unity Connection): the extension or its reverse
 * anywhere in the PIN; and, where common patterns are refused, a run of 4 ascending or
 * descending digits anywhere, a digit 3 times in a row, fewer than 3 distinct digits, or one
 * group repeated ({@code 121212}). Without it the rules are exactly Exchange's.
 */
public final class PinRules {

    /**
     * Why a PIN is refused: stable names ({@link #word()}) that the telephony API answers, the
     * pages explain and {@code pin set} prints. {@code IN_HISTORY} needs the stored hashes and is
     * found by the caller of {@link #refusals}.
     */
    public enum Refusal {
        TOO_SHORT,
        TOO_LONG,
        NOT_DIGITS,
        /** Exchange's common pattern: every digit steps by the same -1, 0 or +1. */
        COMMON_PATTERN,
        /** Not Exchange's common pattern, but one of umpin's weak PINs ({@code refuse-weak-pins}). */
        WEAK_PIN,
        /** The extension's suffix (Exchange), or with {@code refuse-weak-pins} the extension or its reverse anywhere. */
        CONTAINS_EXTENSION,
        IN_HISTORY;

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

    /** Whether a PIN breaks none of the rules (history apart). */
    public static boolean obeys(String pin, PinPolicy policy, String extension) {
        return refusals(pin, policy, extension).isEmpty();
    }

    /**
     * Every rule a PIN breaks, history apart, in {@link Refusal}'s order: the whole policy, and at
     * most {@link PinPolicy#MAX_PIN_LENGTH} digits.
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
        if (!policy.allowCommonPatterns()) {
            if (isSequence(pin)) {
                refusals.add(Refusal.COMMON_PATTERN);
            } else if (policy.refuseWeakPins() && isWeak(pin)) {
                refusals.add(Refusal.WEAK_PIN);
            }
        }
        if (isExtensionSuffix(pin, extension) || policy.refuseWeakPins() && containsExtension(pin, extension)) {
            refusals.add(Refusal.CONTAINS_EXTENSION);
        }
        return refusals;
    }

    /**
     * The hash of {@code newPin}, a PIN someone gives as the mailbox's next (the user's own, or an
     * administrator's Set-UMMailboxPIN -Pin), once it obeys the whole policy and is none of the last
     * PINHistoryCount PINs, read under {@code change}'s lock: one derivation, compared with the
     * history's and kept to store. Else {@link PinChangeRefused.Refused} names every rule it breaks.
     */
    public static String admit(String newPin, PinPolicy policy, String extension, PinChange change, SecretHasher hasher) {
        List<Refusal> refusals = new ArrayList<>(refusals(newPin, policy, extension));
        Optional<String> hash = Optional.empty();
        if (!refusals.contains(Refusal.NOT_DIGITS) && !refusals.contains(Refusal.TOO_LONG)) {
            hash = change.history(policy.pinHistoryCount()).hashIfNew(newPin, hasher);
            if (hash.isEmpty()) {
                refusals.add(Refusal.IN_HISTORY);
            }
        }
        if (!refusals.isEmpty()) {
            throw new PinChangeRefused.Refused(refusals);
        }
        return hash.orElseThrow();
    }

    /**
     * Exchange's common pattern: each digit is the one before it plus the same -1, 0 or +1, over
     * the whole PIN; no wrapping from 9 to 0.
     */
    private static boolean isSequence(String pin) {
        if (pin.length() < 2) {
            return false;
        }
        int step = pin.charAt(1) - pin.charAt(0);
        return Math.abs(step) <= 1 && longestStep(pin, step) == pin.length();
    }

    /** Exchange's extension rule: the PIN is the extension's last digits (all of them included). */
    private static boolean isExtensionSuffix(String pin, String extension) {
        return !pin.isEmpty() && extension != null && extension.endsWith(pin);
    }

    /** umpin's extension rule: the extension, or it reversed, anywhere in the PIN. */
    private static boolean containsExtension(String pin, String extension) {
        return extension != null && !extension.isEmpty()
                && (pin.contains(extension) || pin.contains(new StringBuilder(extension).reverse()));
    }

    /** umpin's weak PINs: a run of 4, a digit 3 times in a row, fewer than 3 distinct digits, a repeated group. */
    private static boolean isWeak(String pin) {
        return longestStep(pin, 1) > LONGEST_RUN || longestStep(pin, -1) > LONGEST_RUN
                || longestStep(pin, 0) > LONGEST_REPEAT
                || pin.chars().distinct().count() < MIN_DISTINCT
                || isRepeatedGroup(pin);
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
