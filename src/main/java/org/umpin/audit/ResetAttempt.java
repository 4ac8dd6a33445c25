package org.umpin.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of an authenticated caller to UM2007Legacy.asmx (ResetPIN, IsUMEnabled,
 * GetUMProperties, a Set operation) and how it ended, or one failed login: what the audit
 * trail keeps, the log line says and the metrics count. (Its name is from the days when
 * ResetPIN was the only operation.) It has no field a PIN or a password could go into.
 *
 * @param operation     the SOAP operation ({@code ResetPIN}...); {@value #LOGIN} for a failed login
 * @param login         the user name the caller authenticated with, as sent
 * @param mailbox       the login of the mailbox acted on (for a failed login: the mailbox the
 *                      name designates, else the name itself)
 * @param clientAddress the client's address (behind a trusted proxy, the one it forwarded)
 * @param faultCode     the protocol's fault code ({@code ResetPINException}...); empty on success
 * @param change        a Set operation's setting, before and after; empty for the others
 */
public record ResetAttempt(Instant time, String operation, String login, String mailbox, String clientAddress, Outcome outcome,
                           Optional<String> faultCode, String correlationId, Duration duration, Optional<ValueChange> change) {

    /** The operation of a failed login, which reached none. */
    public static final String LOGIN = "login";
    public static final String RESET_PIN = "ResetPIN";

    public enum Outcome {
        SUCCESS, FAULT,
        /** Credentials given, and wrong (or the account disabled or unknown): HTTP 401. */
        LOGIN_FAILED,
        /** Credentials not checked: the user or the address failed too often lately, HTTP 429. */
        LOGIN_REFUSED;

        /** The word the log, the metrics and the store use. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    /** A setting's value before and after a change. */
    public record ValueChange(String oldValue, String newValue) {
    }

    public ResetAttempt {
        Objects.requireNonNull(time);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(login);
        Objects.requireNonNull(mailbox);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(correlationId);
        Objects.requireNonNull(duration);
        Objects.requireNonNull(change);
        if ((outcome == Outcome.FAULT) != faultCode.isPresent()) {
            throw new IllegalArgumentException("a fault, and only a fault, has a fault code");
        }
        if (change.isPresent() && outcome != Outcome.SUCCESS) {
            throw new IllegalArgumentException("only a request that succeeded changed a setting");
        }
    }

    public static ResetAttempt success(Instant time, String operation, String login, String mailbox, String clientAddress,
                                       String correlationId, Duration duration, Optional<ValueChange> change) {
        return new ResetAttempt(time, operation, login, mailbox, clientAddress, Outcome.SUCCESS, Optional.empty(), correlationId,
                duration, change);
    }

    /** A login that failed ({@link Outcome#LOGIN_FAILED}) or was refused unchecked ({@link Outcome#LOGIN_REFUSED}). */
    public static ResetAttempt failedLogin(Instant time, String login, String mailbox, String clientAddress, Outcome outcome,
                                           String correlationId, Duration duration) {
        if (outcome != Outcome.LOGIN_FAILED && outcome != Outcome.LOGIN_REFUSED) {
            throw new IllegalArgumentException(outcome + " is no failed login");
        }
        return new ResetAttempt(time, LOGIN, login, mailbox, clientAddress, outcome, Optional.empty(), correlationId, duration,
                Optional.empty());
    }

    /** Whether this is a request that got past authentication to an operation, not a failed login. */
    public boolean isRequest() {
        return outcome == Outcome.SUCCESS || outcome == Outcome.FAULT;
    }

    /** Whether this is a ResetPIN request that got past authentication. */
    public boolean isReset() {
        return isRequest() && RESET_PIN.equals(operation);
    }

    public static ResetAttempt fault(Instant time, String operation, String login, String mailbox, String clientAddress,
                                     String faultCode, String correlationId, Duration duration) {
        return new ResetAttempt(time, operation, login, mailbox, clientAddress, Outcome.FAULT, Optional.of(faultCode),
                correlationId, duration, Optional.empty());
    }
}
