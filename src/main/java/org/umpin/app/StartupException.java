package org.umpin.app;

import java.io.FileNotFoundException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;

/** umpin cannot start; the message is already the one line an operator reads. */
public final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** umpin's own words when it has them, else the innermost message, which names what went wrong. */
    public static String reason(Throwable e) {
        Throwable outer = e;
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof StartupException)) {
            outer = cause;
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof NoSuchFileException missing) {
            message = "no file or folder " + missing.getFile();
        }
        if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
            // config/, routes/ and data/ are relative to the working directory
            message += " (run umpin from the repository root)";
        }
        if (cause instanceof BindException && outer != cause) {
            // "Address already in use" alone does not say which address
            message = outer.getMessage() + ": " + message;
        }
        return message.lines().findFirst().orElse(message);
    }
}
