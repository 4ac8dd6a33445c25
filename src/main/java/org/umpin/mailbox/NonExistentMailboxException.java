package org.umpin.mailbox;

/** EWS's {@code ErrorNonExistentMailbox}: an administrator named a mailbox the directory does not have. */
public class NonExistentMailboxException extends RuntimeException {

    public NonExistentMailboxException() {
        super("No mailbox with such an address or name exists.");
    }
}
