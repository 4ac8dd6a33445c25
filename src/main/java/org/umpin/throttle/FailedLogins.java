package org.umpin.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * The bound on failed logins, per user name and per client address, over a sliding window,
 * kept in the store so that every instance sharing it counts the same failures. A user or an
 * address at its bound is refused before its password is checked, so that guessing stops and
 * a directory behind umpin (Active Directory) does not count the guesses against the account.
 */
public final class FailedLogins {

    /** At most {@code perUser} failures per user and {@code perAddress} per client address within {@code window}; 0: no bound. */
    public record Bound(int perUser, int perAddress, Duration window) {
    }

    /**
     * What the counts say before a login: how long to wait (retryAfter) when the user or the address is at
     * its bound (empty: it may try), and whether the user failed within the window at all.
     */
    public record Verdict(Optional<Duration> retryAfter, boolean userFailedLately) {
    }

    private static final Verdict FREE = new Verdict(Optional.empty(), false);

    private final DataSource dataSource;
    private final Bound bound;
    private final Clock clock;

    public FailedLogins(DataSource dataSource, Bound bound, Clock clock) {
        this.dataSource = dataSource;
        this.bound = bound;
        this.clock = clock;
    }

    /**
     * Whether the user and the address may try to log in now.
     *
     * @param user the user's canonical name (its mailbox's login when there is one)
     */
    public Verdict check(String user, String address) {
        if (bound.perUser() == 0 && bound.perAddress() == 0) {
            return FREE;
        }
        Instant now = clock.instant();
        String sql = "SELECT subject, COUNT(*), MIN(failed_at) FROM failed_login"
                + " WHERE subject IN (?, ?) AND failed_at > ? GROUP BY subject";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userSubject(user));
            s.setString(2, addressSubject(address));
            s.setObject(3, OffsetDateTime.ofInstant(now.minus(bound.window()), ZoneOffset.UTC));
            Optional<Duration> wait = Optional.empty();
            boolean userFailedLately = false;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    boolean isUser = r.getString(1).startsWith("user:");
                    userFailedLately |= isUser;
                    int limit = isUser ? bound.perUser() : bound.perAddress();
                    if (limit > 0 && r.getInt(2) >= limit) {
                        // the oldest failure leaves the window first, and with it the bound is no longer reached
                        Instant free = r.getObject(3, OffsetDateTime.class).toInstant().plus(bound.window());
                        Duration left = Duration.between(now, free);
                        wait = Optional.of(wait.filter(w -> w.compareTo(left) > 0).orElse(left));
                    }
                }
            }
            return new Verdict(wait, userFailedLately);
        } catch (SQLException e) {
            throw new StoreException("the failed logins could not be read", e);
        }
    }

    /** Counts a failed login against the user and the address, and forgets failures older than the window. */
    public void failed(String user, String address) {
        if (bound.perUser() == 0 && bound.perAddress() == 0) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO failed_login (subject, failed_at) VALUES (?, ?)")) {
                for (String subject : new String[] {userSubject(user), addressSubject(address)}) {
                    s.setString(1, subject);
                    s.setObject(2, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM failed_login WHERE failed_at <= ?")) {
                s.setObject(1, now.minus(bound.window()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("a failed login could not be counted", e);
        }
    }

    /** A user who logged in starts again from no failures ({@link Verdict#userFailedLately}); the address keeps its count. */
    public void succeeded(String user) {
        if (bound.perUser() == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM failed_login WHERE subject = ?")) {
            s.setString(1, userSubject(user));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the failed logins could not be cleared", e);
        }
    }

    private static String userSubject(String user) {
        String subject = "user:" + user;
        return subject.length() > 340 ? subject.substring(0, 340) : subject;
    }

    private static String addressSubject(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
