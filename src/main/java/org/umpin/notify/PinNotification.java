package org.umpin.notify;

/**
 * An e-mail of umpin's: the new PIN, an expiry warning or a correction ({@code kind}); one
 * recipient, a subject, a plain text and an HTML body.
 */
public record PinNotification(NotificationComposer.Kind kind, String to, String language, String subject, String text,
                              String html) {

    @Override
    public String toString() {
        // a reset's bodies hold the PIN: never print them
        return "PinNotification[" + kind + ", to=" + to + ", language=" + language + "]";
    }
}
