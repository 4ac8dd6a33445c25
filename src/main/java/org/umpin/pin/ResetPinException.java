package org.umpin.pin;

/**
 * Exchange's {@code ResetPINException}: the reset could not be done. The message is shown
 * to the caller in the fault, so it names no host, class, SQL or PIN.
 */
public class ResetPinException extends RuntimeException {

    public ResetPinException(String message) {
        super(message);
    }

    public ResetPinException(String message, Throwable cause) {
        super(message, cause);
    }
}
