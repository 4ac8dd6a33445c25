package org.umpin.pin;

import java.util.List;

/**
 * Why a PIN someone gave did not become the mailbox's (the user's own change, or an
 * administrator's {@code pin set}), as the shared steps say it; each door answers it in its own
 * form (a problem of the JSON API, words on the page, a line of the command). Never a PIN.
 */
public abstract sealed class PinChangeRefused extends RuntimeException {

    private PinChangeRefused(String message) {
        super(message, null, false, false);
    }

    /** The current PIN given is wrong (a failed logon, already counted); {@code pinReset} when that failure reset the PIN. */
    public static final class WrongPin extends PinChangeRefused {
        private final boolean pinReset;

        public WrongPin(boolean pinReset) {
            super(pinReset ? "the current PIN is wrong, and the PIN was reset" : "the current PIN is wrong");
            this.pinReset = pinReset;
        }

        public boolean pinReset() {
            return pinReset;
        }
    }

    /** The mailbox is locked out: too many failed logons. */
    public static final class LockedOut extends PinChangeRefused {
        public LockedOut() {
            super("the mailbox is locked out");
        }
    }

    /** The new PIN breaks these rules of the policy ({@link PinRules#admit}). */
    public static final class Refused extends PinChangeRefused {
        private final List<PinRules.Refusal> refusals;

        public Refused(List<PinRules.Refusal> refusals) {
            super("the new PIN breaks " + words(refusals));
            this.refusals = List.copyOf(refusals);
        }

        /** The rules broken, by their stable names ({@code too-short}, {@code in-history}...). */
        public List<String> words() {
            return words(refusals);
        }

        private static List<String> words(List<PinRules.Refusal> refusals) {
            return refusals.stream().map(PinRules.Refusal::word).toList();
        }
    }
}
