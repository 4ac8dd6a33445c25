-- The voice mail settings a client changes through UM2007Legacy.asmx (SetOofStatus,
-- SetMissedCallNotificationEnabled, SetPlayOnPhoneDialString, SetTelephoneAccessFolderEmail)
-- and reads back with GetUMProperties. A mailbox without a row has the defaults.
CREATE TABLE voice_mail_settings (
    mailbox_id                       BIGINT       NOT NULL PRIMARY KEY REFERENCES mailbox (id) ON DELETE CASCADE,
    oof_status                       BOOLEAN      NOT NULL DEFAULT FALSE,
    missed_call_notification_enabled BOOLEAN      NOT NULL DEFAULT TRUE,
    play_on_phone_dial_string        VARCHAR(64)  NOT NULL DEFAULT '',
    telephone_access_folder_email    VARCHAR(512) NOT NULL DEFAULT '',
    changed_at                       TIMESTAMP WITH TIME ZONE NOT NULL
);
-- a setting's change is audited with its value before and after (never a PIN: no operation carries one)
ALTER TABLE audit_event ADD COLUMN old_value VARCHAR(512);
ALTER TABLE audit_event ADD COLUMN new_value VARCHAR(512);
