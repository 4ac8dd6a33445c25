package org.umpin.notify;

/** The e-mail that carries a new PIN: one recipient, a subject, a plain text and an HTML body. */
public record PinNotification(String to, String language, String subject, String text, String html) {

    @Override
    public String toString() {
        // the bodies hold the PIN: never print them
        return "PinNotification[to=" + to + ", language=" + language + "]";
    }
}
