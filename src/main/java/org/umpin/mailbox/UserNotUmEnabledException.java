package org.umpin.mailbox;

/** Exchange's {@code UserNotUmEnabledException}: the caller's mailbox is not enabled for Unified Messaging. */
public class UserNotUmEnabledException extends RuntimeException {

    public UserNotUmEnabledException() {
        super("The mailbox is not enabled for Unified Messaging.");
    }
}
