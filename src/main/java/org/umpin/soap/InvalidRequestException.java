package org.umpin.soap;

/** The request is not {@code <m:ResetPIN/>}: the protocol's {@code ErrorInvalidRequest}. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String reason) {
        super(reason);
    }
}
