package org.umpin.voicemail;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A voice mail setting a client may change through UM2007Legacy.asmx, named as GetUMProperties
 * names it, with the rule its value must keep. A value that breaks it is refused whole.
 */
public enum VoiceMailSetting {

    /** Whether the out-of-office greeting plays (SetOofStatus). */
    OOF_STATUS("OofStatus"),
    /** Whether a missed call is notified by e-mail (SetMissedCallNotificationEnabled). */
    MISSED_CALL_NOTIFICATION_ENABLED("MissedCallNotificationEnabled"),
    /** The number voice mail calls to play messages on (SetPlayOnPhoneDialString). */
    PLAY_ON_PHONE_DIAL_STRING("PlayOnPhoneDialString"),
    /** The folder whose e-mail is read over the telephone, a base64 folder id (SetTelephoneAccessFolderEmail). */
    TELEPHONE_ACCESS_FOLDER_EMAIL("TelephoneAccessFolderEmail");

    /** The longest dial string: an international number with an extension and pauses fits. */
    public static final int MAX_DIAL_STRING = 64;
    /** The longest folder id (an Exchange folder id is about 60-200 characters of base64). */
    public static final int MAX_FOLDER_ID = 512;
    /** What a dial string may hold: digits, + * #, pauses (, ;), and the separators people type. */
    private static final Pattern DIAL_STRING = Pattern.compile("[0-9+*#,;() .-]*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private final String protocolName;

    VoiceMailSetting(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The name GetUMProperties answers it under. */
    public String protocolName() {
        return protocolName;
    }

    /** Whether {@code text} holds only what a telephone number or dial string may: digits, + * # , ; ( ) . - and spaces. */
    public static boolean isDialable(String text) {
        return DIAL_STRING.matcher(text).matches();
    }

    boolean isBoolean() {
        return this == OOF_STATUS || this == MISSED_CALL_NOTIFICATION_ENABLED;
    }

    /**
     * The value as stored and answered ({@code true}/{@code false}, or the string, trimmed),
     * from a request's text.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public String normalize(String text) {
        if (isBoolean()) {
            // xs:boolean, its whitespace collapsed
            return switch (text.strip()) {
                case "true", "1" -> "true";
                case "false", "0" -> "false";
                default -> throw new IllegalArgumentException(protocolName + " must be true, false, 1 or 0");
            };
        }
        String value = text.strip();
        if (this == PLAY_ON_PHONE_DIAL_STRING) {
            if (value.length() > MAX_DIAL_STRING) {
                throw new IllegalArgumentException("the dial string is longer than " + MAX_DIAL_STRING + " characters");
            }
            if (!isDialable(value)) {
                throw new IllegalArgumentException("a dial string holds digits, + * # , ; ( ) . - and spaces only");
            }
            return value;
        }
        if (value.length() > MAX_FOLDER_ID) {
            throw new IllegalArgumentException("the folder id is longer than " + MAX_FOLDER_ID + " characters");
        }
        if (value.length() % 4 != 0 || !BASE64.matcher(value).matches()) {
            throw new IllegalArgumentException("the folder id is not base64");
        }
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the folder id is not base64");
        }
        return value;
    }
}
