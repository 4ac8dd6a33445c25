package org.umpin.steps;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.pin.PinChange;
import org.umpin.pin.PinPolicy;

/**
 * What the steps hand on to each other, as exchange properties (never headers, which could
 * reach the wire or the e-mail). The SOAP door's steps and the telephony door's share them.
 */
public final class ResetPinExchange {

    public static final String MAILBOX = "umpinMailbox";
    public static final String POLICY = "umpinPolicy";
    public static final String PIN = "umpinPin";
    public static final String RESET = "umpinReset";
    public static final String CORRELATION_ID = "umpinCorrelationId";
    /** Set when an administrator resets another mailbox: the administrator's own mailbox. */
    public static final String ADMINISTRATOR = "umpinAdministrator";
    /** Set when an administrator asked for the new PIN to go to another address than the mailbox's. */
    public static final String NOTIFY_EMAIL = "umpinNotifyEmail";
    /** The hash generatePin made of the PIN, salted as the mailbox's other PINs, for storePin. */
    public static final String PIN_HASH = "umpinPinHash";

    /** A PIN and the hash it is to be stored under. */
    public record PinHash(Pin pin, String hash) {
        @Override
        public String toString() {
            return "PinHash[" + pin + "]";
        }
    }

    /** The setting a page changes, by its protocol name ({@code OofStatus}): routes/web.camel.yaml chooses its step by it. */
    public static final String SETTING = "umpinSetting";
    /** A Set operation's parameter, as the request's text. */
    public static final String VALUE = "umpinValue";

    private ResetPinExchange() {
    }

    public static Mailbox mailbox(Exchange exchange) {
        return required(exchange, MAILBOX, Mailbox.class);
    }

    public static Optional<Mailbox> administrator(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(ADMINISTRATOR, Mailbox.class));
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

    /** The request's correlation id, which its log lines, audit record and internal-error fault share. */
    public static String correlationId(Exchange exchange) {
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
}
