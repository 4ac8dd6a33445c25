package org.umpin.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the audit trail: an action on a mailbox's PIN or voice mail settings and how it
 * ended. It has no field a PIN or a password could go into.
 *
 * @param action        a SOAP operation ({@code ResetPIN}, {@code GetUMProperties}, {@code SetOofStatus}...),
 *                      {@code login} (a failed one), {@code logon}, {@code pin-change}, {@code automatic-reset}
 *                      (the telephony API), {@code pin-reset}, {@code unlock}, {@code pin-show} (the command line)
 * @param caller        who asked: the user name a caller authenticated with, as sent, or the
 *                      operating-system user who ran a command ({@code os:jdoe})
 * @param mailbox       the login of the mailbox acted on (the name as given when no mailbox has it)
 * @param clientAddress the TCP peer's address; empty for a command
 * @param outcome       a word: {@code success}, {@code fault}, {@code login_failed}, {@code login_refused},
 *                      {@code ok}, {@code wrong}, {@code locked}...
 * @param detail        what the outcome needs said: a fault code, a problem type, why a PIN must change
 * @param change        a setting's value before and after a Set operation
 */
public record PinEvent(Instant time, String action, String caller, String mailbox, Optional<String> clientAddress,
                       String outcome, Optional<String> detail, String correlationId, Duration duration,
                       Optional<ValueChange> change) {

    /** The action of a failed login, which reached none. */
    public static final String LOGIN = "login";
    public static final String SUCCESS = "success";
    public static final String FAULT = "fault";

    /** A setting's value before and after a change. */
    public record ValueChange(String oldValue, String newValue) {
    }

    /** An event that changed no setting. */
    public PinEvent(Instant time, String action, String caller, String mailbox, Optional<String> clientAddress,
                    String outcome, Optional<String> detail, String correlationId, Duration duration) {
        this(time, action, caller, mailbox, clientAddress, outcome, detail, correlationId, duration, Optional.empty());
    }

    public PinEvent {
        Objects.requireNonNull(time);
        Objects.requireNonNull(action);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(mailbox);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(correlationId);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(change);
    }

    /** Whether this is a request that reached an operation and ended, not a failed login. */
    public boolean isRequest() {
        return outcome.equals(SUCCESS) || outcome.equals(FAULT);
    }
}
