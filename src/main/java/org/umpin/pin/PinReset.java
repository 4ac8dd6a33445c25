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
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * One reset of one mailbox's PIN, from {@link PinStore#begin(long)}: a database transaction
 * that holds the mailbox row lock. The new PIN is written into it before the e-mail is sent
 * and becomes the mailbox's PIN only at {@link #commit()}, after the SMTP server accepted the
 * e-mail. Closed without a commit (a failure, a crash, a lost connection), it changes nothing.
 * A commit whose answer is lost is settled by reading the PIN back, so that a reset is never
 * answered with a fault while its PIN was in fact committed.
 */
public final class PinReset implements AutoCloseable {

    private final Connection connection;
    private final long mailboxId;
    private final DataSource store;
    private final Runnable release;
    private boolean open = true;
    private boolean connected = true;
    /** What {@link #store} wrote, to look for when the answer to the commit is lost. */
    private String storedHash;
    /** The newest history entry's seq once {@link #history} read it (0: no history), else -1. */
    private long newestSeq = -1;

    PinReset(Connection connection, long mailboxId, DataSource store, Runnable release) {
        this.connection = connection;
        this.mailboxId = mailboxId;
        this.store = store;
        this.release = release;
    }

    /** The hashes of the mailbox's last {@code count} PINs, newest first, read under the lock. */
    public List<String> history(int count) {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT seq, pin_hash FROM pin_history WHERE mailbox_id = ? ORDER BY seq DESC LIMIT ?")) {
            s.setLong(1, mailboxId);
            s.setInt(2, count);
            List<String> hashes = new ArrayList<>();
            long newest = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    newest = Math.max(newest, r.getLong(1));
                    hashes.add(r.getString(2));
                }
            }
            newestSeq = newest; // read under the lock, so store() need not ask again
            return hashes;
        } catch (SQLException e) {
            throw new StoreException("the PIN history could not be read", e);
        }
    }

    /** How many resets of the mailbox were committed after {@code since}, read under the lock. */
    public int resetsSince(Instant since) {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COUNT(*) FROM pin_reset WHERE mailbox_id = ? AND reset_at > ?")) {
            s.setLong(1, mailboxId);
            s.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("the mailbox's recent resets could not be read", e);
        }
    }

    /**
     * Writes {@code pinHash} as the mailbox's PIN, not yet committed: marked expired (to be
     * changed at the first telephone logon), lockout and failed-logon count cleared, added to
     * the history, which keeps the policy's PINHistoryCount newest entries; counted as a reset.
     */
    public void store(String pinHash, PinPolicy policy, Instant now) {
        OffsetDateTime setAt = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime expiresAt = policy.pinLifetime().map(setAt::plus).orElse(null);
        try {
            long seq = (newestSeq >= 0 ? newestSeq : newestSeq()) + 1;
            update("INSERT INTO pin_history (mailbox_id, seq, pin_hash, set_at) VALUES (?, ?, ?, ?)",
                    mailboxId, seq, pinHash, setAt);
            update("DELETE FROM pin_history WHERE mailbox_id = ? AND seq <= ?", mailboxId, seq - policy.pinHistoryCount());
            int updated = update("UPDATE pin_state SET pin_hash = ?, pin_set_at = ?, pin_expires_at = ?,"
                    + " pin_expired = TRUE, locked_out = FALSE, failed_logons = 0 WHERE mailbox_id = ?",
                    pinHash, setAt, expiresAt, mailboxId);
            if (updated == 0) {
                update("INSERT INTO pin_state (mailbox_id, pin_hash, pin_set_at, pin_expires_at, pin_expired,"
                        + " locked_out, failed_logons) VALUES (?, ?, ?, ?, TRUE, FALSE, 0)",
                        mailboxId, pinHash, setAt, expiresAt);
            }
            // counted by resetsSince; a day is kept, more than any window a limit counts over
            update("INSERT INTO pin_reset (mailbox_id, reset_at) VALUES (?, ?)", mailboxId, setAt);
            update("DELETE FROM pin_reset WHERE mailbox_id = ? AND reset_at < ?", mailboxId, setAt.minusDays(1));
            storedHash = pinHash;
        } catch (SQLException e) {
            throw new StoreException("the new PIN could not be stored", e);
        }
    }

    /**
     * Makes what {@link #store} wrote the mailbox's PIN, and ends the reset.
     *
     * @return whether the store answered the commit; {@code false} when its answer was lost (the
     *         store stopped as it committed) and the PIN, read back on another connection, was
     *         found committed
     * @throws StoreException when the PIN was not committed, or when that cannot be told because
     *         the store cannot be reached: then the PIN in the e-mail may or may not work
     */
    public synchronized boolean commit() {
        try {
            connection.commit();
            return true;
        } catch (SQLException lost) {
            closeConnection(); // a pool of one needs it back for the read
            if (isCommitted(lost)) {
                return false;
            }
            throw new StoreException("the new PIN could not be committed", lost);
        } finally {
            close();
        }
    }

    /** Ends the reset; without a commit, the mailbox's PIN state is left as it was. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            closeConnection();
        } finally {
            release.run();
        }
    }

    private void closeConnection() {
        if (!connected) {
            return;
        }
        connected = false;
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            // a broken connection rolls back by itself; Hikari discards it
        }
    }

    /** Whether the PIN written is in the history; hashes are salted, so only this reset wrote it. */
    private boolean isCommitted(SQLException lost) {
        if (storedHash == null) {
            return false;
        }
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM pin_history WHERE mailbox_id = ? AND pin_hash = ?")) {
            s.setLong(1, mailboxId);
            s.setString(2, storedHash);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        } catch (SQLException unreachable) {
            lost.addSuppressed(unreachable);
            throw new StoreException("the outcome of the new PIN's commit is unknown: the store's answer was lost"
                    + " and it could not be asked again", lost);
        }
    }

    private long newestSeq() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM pin_history WHERE mailbox_id = ?")) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
