package org.umpin.pin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * Each mailbox's current PIN and its PIN history, as hashes only. A reset is a {@link PinChange}:
 * one transaction that holds the mailbox for as long as the reset runs, so resets of one
 * mailbox happen one after the other.
 */
public final class PinStore {

    /**
     * The stored state of a mailbox's PIN. Its expiry is not stored but reckoned from when it was
     * set and the policy's PINLifetime as it is now, as Exchange does ({@link PinPolicy#expiryOf}).
     *
     * @param expired Exchange's "PIN expired" flag: set by a reset, cleared when the user chooses
     *                a PIN; a PIN past its lifetime is expired too ({@link #expiredAt})
     */
    public record PinState(String pinHash, Instant setAt, boolean expired, boolean lockedOut, int failedLogons) {

        /** When the PIN expires under {@code policy}; empty: never (PINLifetime unlimited). */
        public Optional<Instant> expiresAt(PinPolicy policy) {
            return policy.expiryOf(setAt);
        }

        /** Whether the PIN has outlived {@code policy}'s PINLifetime at {@code now}. */
        public boolean expiredAt(PinPolicy policy, Instant now) {
            return expiresAt(policy).filter(at -> !now.isBefore(at)).isPresent();
        }

        /** Get-UMMailboxPIN's PINExpired: reset and not changed since, or past its lifetime. */
        public boolean pinExpired(PinPolicy policy, Instant now) {
            return expired || expiredAt(policy, now);
        }

        /** Get-UMMailboxPIN's FirstTimeUser: the PIN was reset and the user has not chosen one since. */
        public boolean firstTimeUser() {
            return expired;
        }
    }

    static final String BUSY = "Another reset of this mailbox is in progress. Try again later.";

    private final DataSource dataSource;
    /** Where a reset commits its intent, apart from its transaction: a pool of its own, so that a reset never waits on the pool it holds a connection of. */
    private final DataSource intents;
    private final Duration lockWait;
    /** One permit per mailbox: waiting here rather than on the row lock keeps waiters off the connection pool. */
    private final ConcurrentMap<Long, Semaphore> resetting = new ConcurrentHashMap<>();

    /**
     * {@code lockWait} bounds how long a reset waits for another reset of the same mailbox;
     * {@code intents} is where a reset commits its intent ({@link PinChange#intend}).
     */
    public PinStore(DataSource dataSource, DataSource intents, Duration lockWait) {
        this.dataSource = dataSource;
        this.intents = intents;
        this.lockWait = lockWait;
    }

    /** A store whose resets commit their intents through the same pool: for a store that only reads, or a test's. */
    public PinStore(DataSource dataSource, Duration lockWait) {
        this(dataSource, dataSource, lockWait);
    }

    /** A store that only reads, or whose resets do not wait for each other. */
    public PinStore(DataSource dataSource) {
        this(dataSource, Duration.ZERO);
    }

    static final String STATE_QUERY = "SELECT pin_hash, pin_set_at, pin_expired, locked_out, failed_logons"
            + " FROM pin_state WHERE mailbox_id = ?";

    public Optional<PinState> current(long mailboxId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(STATE_QUERY)) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(state(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("the PIN state could not be read", e);
        }
    }

    /** The row {@link #STATE_QUERY} read. */
    static PinState state(ResultSet r) throws SQLException {
        return new PinState(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(),
                r.getBoolean(3), r.getBoolean(4), r.getInt(5));
    }

    /**
     * Starts a reset of the mailbox: waits (at most the lock wait) until no other reset of it
     * runs, in this process or, through the mailbox row lock, in another one sharing the store.
     * Nothing is changed until {@link PinChange#commit()}; closing without it changes nothing.
     *
     * @throws ResetPinException when another reset of the mailbox still runs after the wait
     */
    public PinChange begin(long mailboxId) {
        Semaphore permit = resetting.computeIfAbsent(mailboxId, id -> new Semaphore(1, true));
        long deadline = System.nanoTime() + lockWait.toNanos();
        try {
            if (!permit.tryAcquire(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ResetPinException(BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResetPinException(BUSY, e);
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            lockMailbox(c, mailboxId, Duration.ofNanos(deadline - System.nanoTime()));
            return new PinChange(c, mailboxId, dataSource, intents, permit::release);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            permit.release();
            if (e instanceof ResetPinException busy) {
                throw busy;
            }
            throw new StoreException("the mailbox could not be locked for a reset", e);
        }
    }

    private static void lockMailbox(Connection c, long mailboxId, Duration left) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM mailbox WHERE id = ? FOR UPDATE")) {
            // bounds the wait for a reset of the same mailbox by another instance, by what is left
            // of the lock wait (JDBC counts whole seconds). Set only when it differs: H2 keeps it
            // per connection, and setting it runs a SET that makes every H2 connection parse
            // again each statement it had kept parsed
            int seconds = (int) Math.max(1, (left.toMillis() + 999) / 1000);
            if (lock.getQueryTimeout() != seconds) {
                lock.setQueryTimeout(seconds);
            }
            lock.setLong(1, mailboxId);
            try (ResultSet r = lock.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("no mailbox " + mailboxId);
                }
            }
        } catch (SQLException e) {
            if (isLockTimeout(e)) {
                throw new ResetPinException(BUSY, e);
            }
            throw e;
        }
    }

    /** SQLState 57014 (query cancelled), 55P03 (lock not available) or H2's HYT00 (lock timeout). */
    private static boolean isLockTimeout(SQLException e) {
        String state = e.getSQLState();
        return "57014".equals(state) || "55P03".equals(state) || "HYT00".equals(state);
    }

    /**
     * Starts a change of the mailbox only when nothing else changes it now, in this process or
     * another: the scheduled mails (warnings, corrections), which come back at their next scan
     * rather than wait for a reset.
     */
    public Optional<PinChange> tryBegin(long mailboxId) {
        Semaphore permit = resetting.computeIfAbsent(mailboxId, id -> new Semaphore(1, true));
        if (!permit.tryAcquire()) {
            return Optional.empty();
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM mailbox WHERE id = ? FOR UPDATE SKIP LOCKED")) {
                lock.setLong(1, mailboxId);
                try (ResultSet r = lock.executeQuery()) {
                    if (r.next()) {
                        return Optional.of(new PinChange(c, mailboxId, dataSource, intents, permit::release));
                    }
                }
            }
            closeQuietly(c, new SQLException("busy"));
            permit.release();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            permit.release();
            throw new StoreException("the mailbox could not be locked", e);
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
