package org.umpin.pin;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How a telephone logon with a PIN ended ({@link PinChange#logon}).
 *
 * @param failedLogons the consecutive failed logons counted after this one
 * @param pinResetDue  this failure calls for an automatic reset (LogonFailuresBeforePINReset)
 * @param lockedOutNow this failure locked the mailbox out (MaxLogonAttempts); later ones find it locked
 * @param mustChange   why the user must choose a new PIN now, after a right PIN
 * @param expiresAt    when the PIN expires under the policy of now, after a right PIN; empty for unlimited
 */
public record PinLogon(Result result, int failedLogons, boolean pinResetDue, boolean lockedOutNow,
                       Optional<MustChange> mustChange, Optional<Instant> expiresAt) {

    public enum Result {
        /** The PIN is right: the caller is logged on. */
        OK,
        /** The PIN is wrong: one more consecutive failure. */
        WRONG,
        /**
         * The mailbox is locked out (by this failure, or before): every PIN is refused, and not
         * counted, until an unlock or a reset.
         */
        LOCKED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a right PIN must be changed at this logon. */
    public enum MustChange {
        /** The PIN was reset (by the user, an administrator or automatically) and not changed since. */
        RESET,
        /** The PIN has outlived the policy's PINLifetime. */
        EXPIRED,
        /** The PIN no longer obeys its policy, made stricter since it was chosen (a longer MinPINLength). */
        POLICY;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * This logon, with the PIN to be changed because it breaks the policy as it is now (Exchange:
     * a stricter policy makes the affected users change their PIN at their next logon); itself
     * when it was no success, or must change for another reason already.
     */
    public PinLogon breakingPolicy() {
        return result != Result.OK || mustChange.isPresent() ? this
                : new PinLogon(result, failedLogons, pinResetDue, false, Optional.of(MustChange.POLICY), expiresAt);
    }

    static PinLogon ok(PinStore.PinState pin, PinPolicy policy, Instant now) {
        Optional<MustChange> why = pin.expired() ? Optional.of(MustChange.RESET)
                : pin.expiredAt(policy, now) ? Optional.of(MustChange.EXPIRED) : Optional.empty();
        return new PinLogon(Result.OK, 0, false, false, why, pin.expiresAt(policy));
    }

    static PinLogon wrong(int failedLogons, boolean pinResetDue) {
        return new PinLogon(Result.WRONG, failedLogons, pinResetDue, false, Optional.empty(), Optional.empty());
    }

    static PinLogon locked(int failedLogons, boolean now) {
        return new PinLogon(Result.LOCKED, failedLogons, false, now, Optional.empty(), Optional.empty());
    }
}
