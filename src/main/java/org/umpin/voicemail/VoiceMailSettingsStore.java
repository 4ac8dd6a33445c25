package org.umpin.voicemail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * The voice mail settings of each mailbox, in the store that every instance shares. A change
 * reads and writes under the lock of the mailbox's settings row, so that the value it reports
 * as the old one is exactly the one it replaced, whichever instance changed it last. It does not
 * take the mailbox's own row lock, which a reset holds while it mails: a change does not wait
 * for a reset.
 */
public final class VoiceMailSettingsStore {

    private static final String SELECT = "SELECT oof_status, missed_call_notification_enabled, play_on_phone_dial_string,"
            + " telephone_access_folder_email FROM voice_mail_settings WHERE mailbox_id = ?";

    /** SQLSTATE of a duplicate key, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public VoiceMailSettingsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The mailbox's settings; the defaults when it never set one. */
    public VoiceMailSettings of(long mailboxId) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, mailboxId);
        } catch (SQLException e) {
            throw new StoreException("the voice mail settings could not be read", e);
        }
    }

    /** Sets one setting to {@code value} (normalized) and says what it was. */
    public VoiceMailSettings.Change change(long mailboxId, VoiceMailSetting setting, String value, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the first change of a mailbox creates its row; when another instance created it
            // meanwhile, the insert fails on the key and the change starts again, on that row
            for (int attempt = 1; ; attempt++) {
                try {
                    Optional<VoiceMailSettings> locked = read(c, mailboxId, SELECT + " FOR UPDATE");
                    VoiceMailSettings before = locked.orElse(VoiceMailSettings.DEFAULTS);
                    VoiceMailSettings after = before.with(setting, value);
                    write(c, mailboxId, after, now, locked.isPresent());
                    c.commit();
                    return new VoiceMailSettings.Change(setting, before.value(setting), after.value(setting));
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt == 2 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("the voice mail setting could not be changed", e);
        }
    }

    private static VoiceMailSettings read(Connection c, long mailboxId) throws SQLException {
        return read(c, mailboxId, SELECT).orElse(VoiceMailSettings.DEFAULTS);
    }

    private static Optional<VoiceMailSettings> read(Connection c, long mailboxId, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new VoiceMailSettings(r.getBoolean(1), r.getBoolean(2), r.getString(3), r.getString(4)))
                        : Optional.empty();
            }
        }
    }

    private static void write(Connection c, long mailboxId, VoiceMailSettings settings, Instant now, boolean exists)
            throws SQLException {
        if (exists) {
            String update = "UPDATE voice_mail_settings SET oof_status = ?, missed_call_notification_enabled = ?,"
                    + " play_on_phone_dial_string = ?, telephone_access_folder_email = ?, changed_at = ? WHERE mailbox_id = ?";
            try (PreparedStatement s = c.prepareStatement(update)) {
                bind(s, settings, now);
                s.setLong(6, mailboxId);
                s.executeUpdate();
            }
            return;
        }
        String insert = "INSERT INTO voice_mail_settings (oof_status, missed_call_notification_enabled,"
                + " play_on_phone_dial_string, telephone_access_folder_email, changed_at, mailbox_id) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(insert)) {
            bind(s, settings, now);
            s.setLong(6, mailboxId);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, VoiceMailSettings settings, Instant now) throws SQLException {
        s.setBoolean(1, settings.oofStatus());
        s.setBoolean(2, settings.missedCallNotificationEnabled());
        s.setString(3, settings.playOnPhoneDialString());
        s.setString(4, settings.telephoneAccessFolderEmail());
        s.setObject(5, now.atOffset(ZoneOffset.UTC));
    }
}
