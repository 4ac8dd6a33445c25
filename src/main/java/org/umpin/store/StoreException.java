package org.umpin.store;

/** The store failed (unreachable, constraint, commit). Its message is for the log, never for the caller. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
