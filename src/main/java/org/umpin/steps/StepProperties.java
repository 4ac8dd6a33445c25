package org.umpin.steps;

import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinLogon;
import org.umpin.pin.PinPolicy;

/**
 * What the steps hand on to each other, as exchange properties (never headers, which could
 * reach the wire or the e-mail), the same keys whichever door the route serves: SOAP, the
 * telephony API, the pages, the command line. Once ResetPinExchange and TelephonyExchange.
 */
public final class StepProperties {

    public static final String MAILBOX = "umpinMailbox";
    public static final String POLICY = "umpinPolicy";
    public static final String PIN = "umpinPin";
    public static final String RESET = "umpinReset";
    public static final String CORRELATION_ID = "umpinCorrelationId";
    /** Set when an administrator resets another mailbox: the administrator's own mailbox. */
    public static final String ADMINISTRATOR = "umpinAdministrator";
    /** Set when an administrator asked for the new PIN to go to another address than the mailbox's. */
    public static final String NOTIFY_EMAIL = "umpinNotifyEmail";
    /** The number of the reset's intent (writeIntent), which its e-mail carries. */
    public static final String INTENT = "umpinIntent";
    /** The hash generatePin made of the PIN, salted as the mailbox's other PINs, for storePin. */
    public static final String PIN_HASH = "umpinPinHash";

    /** A PIN and the hash it is to be stored under. */
    public record PinHash(Pin pin, String hash) {
        @Override
        public String toString() {
            return "PinHash[" + pin + "]";
        }
    }

    // the PIN a user gives and the logon it makes, at the telephone or on the page
    /** The authenticated caller's own mailbox (the IVR's service account, an administrator). */
    public static final String CALLER = "umpinTelephonyCaller";
    /** The authenticated caller's name, when an embedding servlet container authenticated it. */
    public static final String CALLER_NAME = "umpinTelephonyCallerName";
    /** The mailbox as the request names it: a login, a primary SMTP address or an extension. */
    public static final String MAILBOX_NAME = "umpinMailboxName";
    public static final String PIN_GIVEN = "umpinPinGiven";
    public static final String NEW_PIN = "umpinNewPin";
    /** How the logon ended ({@link PinLogon}); the automatic reset's filter reads its {@code pinResetDue()}. */
    public static final String LOGON = "umpinLogon";
    /** Set when an automatic reset after this failed logon was committed and its mail sent. */
    public static final String PIN_RESET = "umpinPinReset";
    public static final String CLIENT_ADDRESS = "umpinClientAddress";
    public static final String CONTENT_TYPE = "umpinContentType";
    public static final String STARTED = "umpinStarted";
    /** The operation, as the audit, the log and the metrics name it: logon, pin-change or pin-state. */
    public static final String ACTION = "umpinAction";

    /** The setting a page changes, by its protocol name ({@code OofStatus}): routes/web.camel.yaml chooses its step by it. */
    public static final String SETTING = "umpinSetting";
    /** A Set operation's parameter, as the request's text. */
    public static final String VALUE = "umpinValue";

    /** An administrator's reset that mails nothing ({@code pin reset --no-mail}): the new PIN is told by hand. */
    public static final String NO_MAIL = "umpinNoMail";
    /**
     * Set-UMMailboxPIN's {@code -PINExpired} for the PIN {@code storePin} writes: absent or true, the
     * user must change it at the first telephone logon; false ({@code pin set --expired false}), not.
     */
    public static final String PIN_EXPIRED = "umpinPinExpired";
    /** What a lock or an unlock found, before it cleared the lockout: {@link org.umpin.pin.PinStore.PinState}; absent with no PIN. */
    public static final String STATE_BEFORE = "umpinStateBefore";

    private StepProperties() {
    }

    /**
     * Makes {@code exchange} a PIN change the signed-in {@code user} asks for on the voice mail
     * page (routes/web.camel.yaml's page-change-pin), as the telephony API's reader does for its
     * request: the user is the caller and the mailbox; the PINs are held without printing their
     * digits. The current PIN must be well formed ({@link org.umpin.pin.PinRules#isWellFormed}).
     */
    public static void pinChangeBy(Exchange exchange, Mailbox user, String clientAddress, String correlationId,
                                   String currentPin, String newPin) {
        exchange.setProperty(CALLER, user);
        exchange.setProperty(CALLER_NAME, user.login());
        exchange.setProperty(ACTION, "pin-change");
        exchange.setProperty(MAILBOX_NAME, user.login());
        exchange.setProperty(CORRELATION_ID, correlationId);
        exchange.setProperty(CLIENT_ADDRESS, clientAddress);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(PIN_GIVEN, new GivenPin(currentPin));
        exchange.setProperty(NEW_PIN, new GivenPin(newPin));
    }

    public static Mailbox mailbox(Exchange exchange) {
        return required(exchange, MAILBOX, Mailbox.class);
    }

    public static Optional<Mailbox> administrator(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(ADMINISTRATOR, Mailbox.class));
    }

    /** Where the PIN is mailed: where an administrator asked, else the mailbox's address. */
    public static String mailTo(Exchange exchange) {
        String to = exchange.getProperty(NOTIFY_EMAIL, mailbox(exchange).smtpAddress().orElse(""), String.class);
        if (to.isEmpty()) {
            throw new IllegalStateException("no address to mail the PIN to: checkMailbox comes first");
        }
        return to;
    }

    public static PinPolicy policy(Exchange exchange) {
        return required(exchange, POLICY, PinPolicy.class);
    }

    public static Pin pin(Exchange exchange) {
        return required(exchange, PIN, Pin.class);
    }

    public static PinChange reset(Exchange exchange) {
        return required(exchange, RESET, PinChange.class);
    }

    /**
     * The request's correlation id, which its log lines, audit record and any internal-error
     * answer share: the one the door set on the exchange, else its CXF request's.
     */
    public static String correlationId(Exchange exchange) {
        String set = exchange.getProperty(CORRELATION_ID, String.class);
        if (set != null) {
            return set;
        }
        org.apache.cxf.message.Message request = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE,
                org.apache.cxf.message.Message.class);
        return RequestStart.correlationId(request == null ? null : request.getExchange());
    }

    private static <T> T required(Exchange exchange, String name, Class<T> type) {
        T value = exchange.getProperty(name, type);
        if (value == null) {
            // a customised route left out or reordered a step
            throw new IllegalStateException("exchange property " + name + " is missing: check the order of the route's steps");
        }
        return value;
    }

    public static Mailbox caller(Exchange exchange) {
        return exchange.getProperty(CALLER, Mailbox.class);
    }

    public static GivenPin givenPin(Exchange exchange) {
        return exchange.getProperty(PIN_GIVEN, GivenPin.class);
    }

    public static PinLogon logon(Exchange exchange) {
        return exchange.getProperty(LOGON, PinLogon.class);
    }

    public static Duration took(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** A PIN as a caller typed it: in memory only; its {@code toString} shows no digit. */
    public record GivenPin(String text) {
        @Override
        public String toString() {
            return "GivenPin[" + "*".repeat(Math.min(text.length(), 24)) + "]";
        }
    }
}
