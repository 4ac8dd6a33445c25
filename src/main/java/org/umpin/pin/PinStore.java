package org.umpin.pin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/** Each mailbox's current PIN and its PIN history, as hashes only. */
public final class PinStore {

    /** The stored state of a mailbox's PIN. */
    public record PinState(String pinHash, Instant setAt, Optional<Instant> expiresAt, boolean expired,
                           boolean lockedOut, int failedLogons) {
    }

    private final DataSource dataSource;

    public PinStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<PinState> current(long mailboxId) {
        String sql = "SELECT pin_hash, pin_set_at, pin_expires_at, pin_expired, locked_out, failed_logons"
                + " FROM pin_state WHERE mailbox_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PinState(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(r.getObject(3, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        r.getBoolean(4), r.getBoolean(5), r.getInt(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("the PIN state could not be read", e);
        }
    }

    /** The hashes of the mailbox's last {@code count} PINs, newest first. */
    public List<String> history(long mailboxId, int count) {
        String sql = "SELECT pin_hash FROM pin_history WHERE mailbox_id = ? ORDER BY seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, mailboxId);
            s.setInt(2, count);
            List<String> hashes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    hashes.add(r.getString(1));
                }
            }
            return hashes;
        } catch (SQLException e) {
            throw new StoreException("the PIN history could not be read", e);
        }
    }

    /**
     * Makes {@code pinHash} the mailbox's PIN in one transaction: marked expired (to be changed
     * at the first telephone logon), lockout and failed-logon count cleared, added to the history,
     * which keeps the policy's PINHistoryCount newest entries.
     */
    public void reset(long mailboxId, String pinHash, PinPolicy policy, Instant now) {
        OffsetDateTime setAt = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime expiresAt = policy.pinLifetime().map(lifetime -> setAt.plus(lifetime)).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the mailbox row lock serialises resets of one mailbox
                long seq = lockAndNextSeq(c, mailboxId);
                update(c, "INSERT INTO pin_history (mailbox_id, seq, pin_hash, set_at) VALUES (?, ?, ?, ?)",
                        mailboxId, seq, pinHash, setAt);
                update(c, "DELETE FROM pin_history WHERE mailbox_id = ? AND seq <= ?",
                        mailboxId, seq - policy.pinHistoryCount());
                int updated = update(c, "UPDATE pin_state SET pin_hash = ?, pin_set_at = ?, pin_expires_at = ?,"
                        + " pin_expired = TRUE, locked_out = FALSE, failed_logons = 0 WHERE mailbox_id = ?",
                        pinHash, setAt, expiresAt, mailboxId);
                if (updated == 0) {
                    update(c, "INSERT INTO pin_state (mailbox_id, pin_hash, pin_set_at, pin_expires_at, pin_expired,"
                            + " locked_out, failed_logons) VALUES (?, ?, ?, ?, TRUE, FALSE, 0)",
                            mailboxId, pinHash, setAt, expiresAt);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the new PIN could not be stored", e);
        }
    }

    private static long lockAndNextSeq(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM mailbox WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, mailboxId);
            try (ResultSet r = lock.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no mailbox " + mailboxId);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM pin_history WHERE mailbox_id = ?")) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
