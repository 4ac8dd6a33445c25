package org.umpin.http;

import java.util.Locale;
import org.apache.cxf.message.Message;

/** Where {@link HttpAuthentication} reports a login that failed or was refused unchecked: the audit trail and the log. */
@FunctionalInterface
public interface LoginFailures {

    /** How a login ended that let no request through. */
    enum Outcome {
        /** Credentials given, and wrong (or the account disabled or unknown): HTTP 401. */
        LOGIN_FAILED,
        /** Credentials not checked: the user or the address failed too often lately, HTTP 429. */
        LOGIN_REFUSED;

        /** The word the log and the audit trail use. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param login the name as typed, made printable; {@code user} the mailbox it designates, else the name
     */
    void failedLogin(Message message, String login, String user, Outcome outcome);
}
