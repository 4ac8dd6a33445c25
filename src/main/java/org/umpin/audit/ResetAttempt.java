package org.umpin.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ResetPIN request of an authenticated caller and how it ended, or one failed login:
 * what the audit trail keeps, the log line says and (for a reset) the metrics count. It has
 * no field a PIN or a password could go into.
 *
 * @param login         the user name the caller authenticated with, as sent
 * @param mailbox       the login of the mailbox whose PIN was to be reset (for a failed
 *                      login: the mailbox the name designates, else the name itself)
 * @param clientAddress the TCP peer's address
 * @param faultCode     the protocol's fault code ({@code ResetPINException}...); empty on success
 */
public record ResetAttempt(Instant time, String login, String mailbox, String clientAddress, Outcome outcome,
                           Optional<String> faultCode, String correlationId, Duration duration) {

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

    public ResetAttempt {
        Objects.requireNonNull(time);
        Objects.requireNonNull(login);
        Objects.requireNonNull(mailbox);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(correlationId);
        Objects.requireNonNull(duration);
        if ((outcome == Outcome.FAULT) != faultCode.isPresent()) {
            throw new IllegalArgumentException("a fault, and only a fault, has a fault code");
        }
    }

    public static ResetAttempt success(Instant time, String login, String mailbox, String clientAddress,
                                       String correlationId, Duration duration) {
        return new ResetAttempt(time, login, mailbox, clientAddress, Outcome.SUCCESS, Optional.empty(), correlationId, duration);
    }

    /** A login that failed ({@link Outcome#LOGIN_FAILED}) or was refused unchecked ({@link Outcome#LOGIN_REFUSED}). */
    public static ResetAttempt failedLogin(Instant time, String login, String mailbox, String clientAddress, Outcome outcome,
                                           String correlationId, Duration duration) {
        if (outcome != Outcome.LOGIN_FAILED && outcome != Outcome.LOGIN_REFUSED) {
            throw new IllegalArgumentException(outcome + " is no failed login");
        }
        return new ResetAttempt(time, login, mailbox, clientAddress, outcome, Optional.empty(), correlationId, duration);
    }

    /** Whether this is a ResetPIN request that got past authentication, not a failed login. */
    public boolean isReset() {
        return outcome == Outcome.SUCCESS || outcome == Outcome.FAULT;
    }

    public static ResetAttempt fault(Instant time, String login, String mailbox, String clientAddress, String faultCode,
                                     String correlationId, Duration duration) {
        return new ResetAttempt(time, login, mailbox, clientAddress, Outcome.FAULT, Optional.of(faultCode), correlationId, duration);
    }
}
