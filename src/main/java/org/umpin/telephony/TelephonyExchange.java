package org.umpin.telephony;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinLogon;

/**
 * What the telephony API's steps hand on to each other, as exchange properties, beside the
 * shared ones of {@link org.umpin.steps.ResetPinExchange} (the mailbox, its policy, its lock).
 * A PIN given by the caller is held as a {@link GivenPin}, which never prints its digits.
 */
final class TelephonyExchange {

    /** The authenticated caller's own mailbox (the IVR's service account, an administrator). */
    static final String CALLER = "umpinTelephonyCaller";
    /** The authenticated caller's name, when an embedding servlet container authenticated it. */
    static final String CALLER_NAME = "umpinTelephonyCallerName";
    /** The mailbox as the request names it: a login, a primary SMTP address or an extension. */
    static final String MAILBOX_NAME = "umpinMailboxName";
    static final String PIN_GIVEN = "umpinPinGiven";
    static final String NEW_PIN = "umpinNewPin";
    /** How the logon ended ({@link PinLogon}); the automatic reset's filter reads its {@code pinResetDue()}. */
    static final String LOGON = "umpinLogon";
    /** Set when an automatic reset after this failed logon was committed and its mail sent. */
    static final String PIN_RESET = "umpinPinReset";
    static final String CORRELATION_ID = "umpinCorrelationId";
    static final String CLIENT_ADDRESS = "umpinClientAddress";
    static final String CONTENT_TYPE = "umpinContentType";
    static final String STARTED = "umpinStarted";
    /** The operation, as the audit, the log and the metrics name it: logon, pin-change or pin-state. */
    static final String ACTION = "umpinAction";

    private TelephonyExchange() {
    }

    static Mailbox caller(Exchange exchange) {
        return exchange.getProperty(CALLER, Mailbox.class);
    }

    static GivenPin pin(Exchange exchange) {
        return exchange.getProperty(PIN_GIVEN, GivenPin.class);
    }

    static PinLogon logon(Exchange exchange) {
        return exchange.getProperty(LOGON, PinLogon.class);
    }

    static String correlationId(Exchange exchange) {
        return exchange.getProperty(CORRELATION_ID, "", String.class);
    }

    static Duration took(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** A PIN as a caller typed it: in memory only; its {@code toString} shows no digit. */
    record GivenPin(String text) {
        @Override
        public String toString() {
            return "GivenPin[" + "*".repeat(Math.min(text.length(), 24)) + "]";
        }
    }
}
