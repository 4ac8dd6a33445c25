package org.umpin.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ResetPIN request of an authenticated caller and how it ended: what the audit trail
 * keeps, the log line says and the metrics count. It has no field a PIN could go into.
 *
 * @param login         the user name the caller authenticated with, as sent
 * @param mailbox       the login of the mailbox whose PIN was to be reset
 * @param clientAddress the TCP peer's address
 * @param faultCode     the protocol's fault code ({@code ResetPINException}...); empty on success
 */
public record ResetAttempt(Instant time, String login, String mailbox, String clientAddress, Outcome outcome,
                           Optional<String> faultCode, String correlationId, Duration duration) {

    public enum Outcome {
        SUCCESS, FAULT;

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

    public static ResetAttempt fault(Instant time, String login, String mailbox, String clientAddress, String faultCode,
                                     String correlationId, Duration duration) {
        return new ResetAttempt(time, login, mailbox, clientAddress, Outcome.FAULT, Optional.of(faultCode), correlationId, duration);
    }
}
