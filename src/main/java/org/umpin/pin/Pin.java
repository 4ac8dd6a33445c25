package org.umpin.pin;

/**
 * A PIN in clear. It lives only in memory and in the e-mail body: {@link #toString()}
 * masks it so that a log line, an exception message or a tracer never shows the digits.
 */
public final class Pin {

    private final String digits;

    public Pin(String digits) {
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN is made of digits only");
        }
        this.digits = digits;
    }

    /** The digits, for the e-mail and the hasher only. */
    public String digits() {
        return digits;
    }

    public int length() {
        return digits.length();
    }

    @Override
    public String toString() {
        return "Pin[" + "*".repeat(digits.length()) + "]";
    }
}
