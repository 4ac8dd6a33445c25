package org.umpin.voicemail;

/**
 * A mailbox's voice mail settings, as GetUMProperties answers them (TelephoneAccessNumbers
 * aside: that one is the mailbox policy's). A mailbox that never set one has the defaults.
 */
public record VoiceMailSettings(boolean oofStatus, boolean missedCallNotificationEnabled, String playOnPhoneDialString,
                                String telephoneAccessFolderEmail) {

    /** Exchange's defaults: no out-of-office greeting, missed calls notified, no numbers or folder. */
    public static final VoiceMailSettings DEFAULTS = new VoiceMailSettings(false, true, "", "");

    /** The value of {@code setting}, as {@link VoiceMailSetting#normalize} gives it. */
    public String value(VoiceMailSetting setting) {
        return switch (setting) {
            case OOF_STATUS -> Boolean.toString(oofStatus);
            case MISSED_CALL_NOTIFICATION_ENABLED -> Boolean.toString(missedCallNotificationEnabled);
            case PLAY_ON_PHONE_DIAL_STRING -> playOnPhoneDialString;
            case TELEPHONE_ACCESS_FOLDER_EMAIL -> telephoneAccessFolderEmail;
        };
    }

    /** These settings with {@code setting} at {@code value} (normalized). */
    public VoiceMailSettings with(VoiceMailSetting setting, String value) {
        return switch (setting) {
            case OOF_STATUS -> new VoiceMailSettings(Boolean.parseBoolean(value), missedCallNotificationEnabled,
                    playOnPhoneDialString, telephoneAccessFolderEmail);
            case MISSED_CALL_NOTIFICATION_ENABLED -> new VoiceMailSettings(oofStatus, Boolean.parseBoolean(value),
                    playOnPhoneDialString, telephoneAccessFolderEmail);
            case PLAY_ON_PHONE_DIAL_STRING -> new VoiceMailSettings(oofStatus, missedCallNotificationEnabled, value,
                    telephoneAccessFolderEmail);
            case TELEPHONE_ACCESS_FOLDER_EMAIL -> new VoiceMailSettings(oofStatus, missedCallNotificationEnabled,
                    playOnPhoneDialString, value);
        };
    }

    /** One setting changed: its value before and after, as the audit trail keeps them. */
    public record Change(VoiceMailSetting setting, String oldValue, String newValue) {
    }
}
