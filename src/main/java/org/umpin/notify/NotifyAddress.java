package org.umpin.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Set-UMMailboxPIN's NotifyEmail: where an administrator sends a new PIN instead of the mailbox's own address. */
public final class NotifyAddress {

    private NotifyAddress() {
    }

    /** One plain address, strictly parsed: no display name, no list, nothing a mail header could be injected with. */
    public static boolean isPlain(String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            return address.getPersonal() == null && address.getAddress().equals(text) && text.length() <= 320;
        } catch (AddressException e) {
            return false;
        }
    }
}
