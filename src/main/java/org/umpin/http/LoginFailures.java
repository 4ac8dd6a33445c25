package org.umpin.http;

import org.apache.cxf.message.Message;
import org.umpin.audit.ResetAttempt;

/** Where {@link BasicAuthentication} reports a login that failed or was refused unchecked: the audit trail and the log. */
@FunctionalInterface
public interface LoginFailures {

    /**
     * @param login the name as typed, made printable; {@code user} the mailbox it designates, else the name
     */
    void failedLogin(Message message, String login, String user, ResetAttempt.Outcome outcome);
}
