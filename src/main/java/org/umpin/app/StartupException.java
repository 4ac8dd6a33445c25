package org.umpin.app;

/** umpin cannot start; the message is already the one line an operator reads. */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
