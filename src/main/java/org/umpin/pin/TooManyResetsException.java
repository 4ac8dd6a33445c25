package org.umpin.pin;

/**
 * A reset refused because the mailbox was reset {@code umpin.throttle.resets-per-hour} times in
 * the last hour. A {@link ResetPinException}, so that SOAP answers it as Exchange would; a page
 * tells it apart by its type.
 */
public final class TooManyResetsException extends ResetPinException {

    public TooManyResetsException() {
        super("This mailbox's PIN was reset too many times in the last hour. Try again later.");
    }
}
