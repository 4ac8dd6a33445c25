package org.umpin.notify;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/** Tells a failed send that may be tried again from one that must not. */
public final class SmtpFailure {

    private SmtpFailure() {
    }

    /**
     * True when the SMTP server certainly did not take the e-mail and may take it later: the
     * connection was refused, or the server answered 4xx. A 5xx answer is permanent. A timeout
     * or a connection lost during the exchange is not retried either: the server may have taken
     * the e-mail, and a second copy would break "one reset, one e-mail".
     */
    public static boolean isTemporary(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof MailConnectException) {
                return true;
            }
            int code = replyCode(t);
            if (code >= 400 && code < 500) {
                return true;
            }
            if (code >= 500) {
                return false;
            }
        }
        return false;
    }

    /**
     * True when the SMTP server certainly did not take the e-mail: the connection was refused,
     * or the server answered 4xx or 5xx. A timeout or a lost connection leaves it unknown.
     */
    public static boolean isNotTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof MailConnectException || replyCode(t) >= 400) {
                return true;
            }
        }
        return false;
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    /** Jakarta Mail chains the server's answers with getNextException, other causes with getCause. */
    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() != t ? t.getCause() : null;
    }
}
