package org.umpin.pin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * One change of one mailbox's PIN state, from {@link PinStore#begin(long)}: a database
 * transaction that holds the mailbox row lock. It is a reset (the new PIN is written before the
 * e-mail is sent and becomes the mailbox's PIN only at {@link #commit()}, after the SMTP server
 * accepted the e-mail), a telephone logon ({@link #logon}: the count of failed logons, the
 * lockout, maybe an automatic reset), a PIN the user chose ({@link #choose}) or an unlock.
 * Closed without a commit (a failure, a crash, a lost connection), it changes nothing, but for
 * the intent of a mailed PIN ({@link #intend}), which is committed before the e-mail goes so that
 * a PIN mailed and never committed is found and corrected later ({@link PendingPins}).
 * A commit whose answer is lost is settled by reading the PIN back, so that a reset is never
 * answered with a fault while its PIN was in fact committed. (Over 300 lines on purpose: every
 * statement of a change runs on the one connection and transaction this class holds, and the
 * savepoint, the commit and its read-back must see them all; split, that state would be shared.)
 */
public final class PinChange implements AutoCloseable {

    private final Connection connection;
    private final long mailboxId;
    private final DataSource store;
    private final Runnable release;
    /** Where {@link #intend} commits, apart from this change's transaction. */
    private final DataSource intents;
    private boolean open = true;
    private boolean connected = true;
    /** What {@link #store} wrote, to look for when the answer to the commit is lost. */
    private String storedHash;
    /** The newest history entry's seq once {@link #history} read it (0: no history), else -1. */
    private long newestSeq = -1;
    /** Where a logon's count ends and its automatic reset starts: {@link #abandonReset} goes back to it. */
    private Savepoint beforeReset;
    /** The intent {@link #intend} committed, which the commit deletes; 0: none. */
    private long intentId;
    /**
     * Whether the e-mail may have reached the relay: from {@link #mailing()} until the relay refuses
     * it ({@link #mailNotTaken()}). An intent whose e-mail cannot have gone is void, and is deleted
     * as the change ends without its commit.
     */
    private boolean mailMayHaveGone;

    PinChange(Connection connection, long mailboxId, DataSource store, DataSource intents, Runnable release) {
        this.connection = connection;
        this.mailboxId = mailboxId;
        this.store = store;
        this.intents = intents;
        this.release = release;
    }

    PinChange(Connection connection, long mailboxId, DataSource store, Runnable release) {
        this(connection, mailboxId, store, store, release);
    }

    /**
     * Commits the intent of a PIN about to be chosen and mailed (to {@code mailedTo}, for a mailbox
     * of {@code language}) before the PIN is chosen and the e-mail goes: on a connection of its own
     * (the store's intents pool, whose connections commit each statement), so that this change keeps
     * its transaction and the mailbox's lock.
     * The commit after the e-mail deletes the intent; one left behind is settled by {@link PendingPins}.
     *
     * @return the intent's number, which the e-mail and its correction carry
     */
    public long intend(String mailedTo, String language, Instant now) {
        try (Connection c = intents.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO pin_intent (mailbox_id, mailed_to, language, created_at) VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            s.setLong(1, mailboxId);
            s.setString(2, mailedTo);
            s.setString(3, language);
            s.setObject(4, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                intentId = keys.getLong(1);
            }
            return intentId;
        } catch (SQLException e) {
            throw new StoreException("the new PIN's intent could not be written", e);
        }
    }

    /** The e-mail of the intent goes to the relay now: from here on, it may have gone. */
    public void mailing() {
        mailMayHaveGone = true;
    }

    /**
     * The relay refused the e-mail (it answered no, or could not be reached): the PIN was not
     * mailed, so its intent is void and is deleted as this change ends without its commit.
     */
    public void mailNotTaken() {
        mailMayHaveGone = false;
    }

    /** The mailbox's last {@code count} PINs, newest first, read under the lock. */
    public PinHistory history(int count) {
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
            return new PinHistory(hashes);
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

    /** The mailbox's PIN state, read under the lock; empty when it never had a PIN. */
    public Optional<PinStore.PinState> state() {
        try (PreparedStatement s = connection.prepareStatement(PinStore.STATE_QUERY)) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(PinStore.state(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("the PIN state could not be read", e);
        }
    }

    /**
     * Writes {@code pinHash} as the mailbox's PIN, not yet committed: marked expired (to be
     * changed at the first telephone logon), lockout cleared, added to the history, which keeps
     * the policy's PINHistoryCount newest entries; counted as a reset. A reset by the user or an
     * administrator clears the count of failed logons; an automatic one (which {@link #logon}
     * asked for) does not, so that the lockout still comes at MaxLogonAttempts.
     */
    public void store(String pinHash, PinPolicy policy, Instant now) {
        store(pinHash, policy, now, true);
    }

    /**
     * {@link #store(String, PinPolicy, Instant)}, with Set-UMMailboxPIN's {@code -PINExpired}:
     * {@code expired} false, the user need not change the PIN at the first logon.
     */
    public void store(String pinHash, PinPolicy policy, Instant now, boolean expired) {
        OffsetDateTime setAt = now.atOffset(ZoneOffset.UTC);
        try {
            write(pinHash, policy, setAt, expired);
            // counted by resetsSince; a day is kept, more than any window a limit counts over
            update("INSERT INTO pin_reset (mailbox_id, reset_at) VALUES (?, ?)", mailboxId, setAt);
            update("DELETE FROM pin_reset WHERE mailbox_id = ? AND reset_at < ?", mailboxId, setAt.minusDays(1));
            storedHash = pinHash;
        } catch (SQLException e) {
            throw new StoreException("the new PIN could not be stored", e);
        }
    }

    /**
     * Writes {@code pinHash}, a PIN the user chose and that passed the policy, as the mailbox's
     * PIN, not yet committed: not expired, expiring after PINLifetime, failed logons and lockout
     * cleared, added to the history.
     */
    public void choose(String pinHash, PinPolicy policy, Instant now) {
        try {
            write(pinHash, policy, now.atOffset(ZoneOffset.UTC), false);
        } catch (SQLException e) {
            throw new StoreException("the new PIN could not be stored", e);
        }
    }

    /**
     * A telephone logon with a PIN, under the lock, as Exchange counts it: a right PIN clears the
     * count of consecutive failures; a wrong one adds one, locks the mailbox out at
     * MaxLogonAttempts and asks for an automatic reset at each multiple of
     * LogonFailuresBeforePINReset below it. A locked-out mailbox refuses every PIN, the right one
     * included, and no longer counts them (nothing is written). Written, not committed:
     * {@link #commit()} or, when a reset is due and fails, {@link #abandonReset()} then
     * {@link #commit()}.
     *
     * @param matches whether the PIN given matches a stored hash (one derivation); asked once,
     *                also for a mailbox that never had a PIN, so that its answer takes as long
     */
    public PinLogon logon(Predicate<String> matches, PinPolicy policy, Instant now) {
        Optional<PinStore.PinState> state = state();
        boolean right = matches.test(state.map(PinStore.PinState::pinHash).orElse(null));
        if (state.isEmpty()) {
            return PinLogon.wrong(0, false); // no PIN to log on with, and no row to count in
        }
        PinStore.PinState pin = state.get();
        try {
            if (pin.lockedOut()) {
                return PinLogon.locked(pin.failedLogons(), false); // Exchange stops counting once locked out
            }
            if (right) {
                update("UPDATE pin_state SET failed_logons = 0 WHERE mailbox_id = ?", mailboxId);
                return PinLogon.ok(pin, policy, now);
            }
            int failures = pin.failedLogons() + 1;
            boolean lockedOut = policy.locksOutAfter(failures);
            update("UPDATE pin_state SET failed_logons = ?, locked_out = ? WHERE mailbox_id = ?", failures, lockedOut, mailboxId);
            if (lockedOut) {
                return PinLogon.locked(failures, true);
            }
            boolean resetDue = policy.resetsPinAfter(failures);
            if (resetDue) {
                beforeReset = connection.setSavepoint();
            }
            return PinLogon.wrong(failures, resetDue);
        } catch (SQLException e) {
            throw new StoreException("the failed logon could not be counted", e);
        }
    }

    /**
     * Undoes what an automatic reset wrote after {@link #logon} (its mail failed), keeping the
     * count of failed logons: commit next. The PIN stays as it was.
     */
    public void abandonReset() {
        try {
            if (beforeReset != null) {
                connection.rollback(beforeReset);
                beforeReset = null;
            }
            storedHash = null;
            if (intentId != 0 && !mailMayHaveGone) {
                update("DELETE FROM pin_intent WHERE id = ?", intentId); // committed with the count
                intentId = 0;
            }
        } catch (SQLException e) {
            throw new StoreException("the failed automatic reset could not be undone", e);
        }
    }

    /**
     * Set-UMMailboxPIN's {@code -LockedOut}: {@code true} locks the mailbox out, the count of failed
     * logons kept; {@code false} clears the lockout and the count. False when it has no PIN.
     */
    public boolean lockOut(boolean lockedOut) {
        try {
            return lockedOut ? update("UPDATE pin_state SET locked_out = TRUE WHERE mailbox_id = ?", mailboxId) > 0
                    : update("UPDATE pin_state SET locked_out = FALSE, failed_logons = 0 WHERE mailbox_id = ?", mailboxId) > 0;
        } catch (SQLException e) {
            throw new StoreException("the mailbox's lockout could not be written", e);
        }
    }

    /** The PIN row and its history entry, written alike for a reset ({@code expired}) and a user's own PIN. */
    private void write(String pinHash, PinPolicy policy, OffsetDateTime setAt, boolean expired) throws SQLException {
        // not read: the expiry is reckoned from pin_set_at and the policy of now (PinPolicy.expiryOf);
        // still written for an older umpin that shares the store during an upgrade
        OffsetDateTime expiresAt = policy.pinLifetime().map(setAt::plus).orElse(null);
        long seq = (newestSeq >= 0 ? newestSeq : newestSeq()) + 1;
        update("INSERT INTO pin_history (mailbox_id, seq, pin_hash, set_at) VALUES (?, ?, ?, ?)",
                mailboxId, seq, pinHash, setAt);
        update("DELETE FROM pin_history WHERE mailbox_id = ? AND seq <= ?", mailboxId, seq - policy.pinHistoryCount());
        // an automatic reset (beforeReset set) keeps the count, so that the lockout still comes
        String failures = beforeReset != null ? "failed_logons" : "0";
        int updated = update("UPDATE pin_state SET pin_hash = ?, pin_set_at = ?, pin_expires_at = ?, pin_expired = ?,"
                + " locked_out = FALSE, failed_logons = " + failures + ", expiry_warned = FALSE WHERE mailbox_id = ?",
                pinHash, setAt, expiresAt, expired, mailboxId);
        if (updated == 0) {
            update("INSERT INTO pin_state (mailbox_id, pin_hash, pin_set_at, pin_expires_at, pin_expired,"
                    + " locked_out, failed_logons) VALUES (?, ?, ?, ?, ?, FALSE, 0)",
                    mailboxId, pinHash, setAt, expiresAt, expired);
        }
        newestSeq = seq;
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
            if (intentId != 0 && storedHash != null) {
                // this e-mail's intent, and any other of the mailbox: a reset that wrote one and still
                // runs would hold the lock, so theirs died, and this newer e-mail supersedes them
                update("DELETE FROM pin_intent WHERE mailbox_id = ?", mailboxId);
            }
            connection.commit();
            closeConnection(false); // nothing left to roll back: a round trip saved
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

    /** The connection and transaction that hold the lock, for the pin package's work under it ({@link PendingPins}). */
    Connection connection() {
        return connection;
    }

    long mailboxId() {
        return mailboxId;
    }

    /** Whether neither {@link #commit()} nor {@link #close()} has ended it yet. */
    public synchronized boolean isOpen() {
        return open;
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
        closeConnection(true);
    }

    private void closeConnection(boolean rollBack) {
        if (!connected) {
            return;
        }
        connected = false;
        if (rollBack && intentId != 0 && !mailMayHaveGone) {
            forgetIntent(); // while the lock is held, so that no scan sees it without one
        }
        try (connection) {
            if (rollBack) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // a broken connection rolls back by itself; Hikari discards it
        }
    }

    /** Deletes a void intent where it was written. Failing (the store is down), it gets a correction worded for an e-mail that may not have come. */
    private void forgetIntent() {
        try (Connection c = intents.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM pin_intent WHERE id = ?")) {
            s.setLong(1, intentId);
            s.executeUpdate();
            intentId = 0;
        } catch (SQLException e) {
            // left for PendingPins
        }
    }

    /**
     * Whether the history holds the entry this change wrote: its place and its hash. A mailbox's
     * PINs share a salt, so the hash alone could be an older entry's of the same PIN, kept
     * beyond a shorter history than the policy's of then.
     */
    private boolean isCommitted(SQLException lost) {
        if (storedHash == null) {
            return false;
        }
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM pin_history WHERE mailbox_id = ? AND seq = ? AND pin_hash = ?")) {
            s.setLong(1, mailboxId);
            s.setLong(2, newestSeq);
            s.setString(3, storedHash);
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
