package org.umpin.pin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * Which PINs are due their expiry warning: a PIN that expires (PINLifetime is not unlimited), not
 * reset since (a reset PIN must be changed at the first logon anyway), not expired yet, within
 * its policy's {@code expiry-warning-days} of its expiry, and not warned of: each PIN once. A
 * new PIN clears the mark ({@link PinChange}), so that it gets its own warning.
 */
public final class ExpiryWarnings {

    /** A PIN due a warning, as a scan found it; {@link #claim} checks it again under the lock. */
    public record Due(long mailboxId, String login) {
    }

    private final DataSource dataSource;
    private final PinStore store;
    /** The policies that warn, with their days; a policy at 0 days or of an unlimited lifetime is not here. */
    private final Map<PinPolicy, Integer> warningDays;

    public ExpiryWarnings(DataSource dataSource, PinStore store, Map<PinPolicy, Integer> warningDays) {
        this.dataSource = dataSource;
        this.store = store;
        this.warningDays = Map.copyOf(warningDays);
    }

    /**
     * The next {@code limit} PINs due a warning at {@code now}, of mailboxes after {@code after}
     * in the order of their ids: a scan goes through the store a batch at a time, reading the
     * PINs due only.
     */
    public List<Due> due(Instant now, long after, int limit) {
        List<Object> values = new ArrayList<>();
        values.add(after);
        StringBuilder windows = new StringBuilder();
        warningDays.forEach((policy, days) -> policy.pinLifetime().ifPresent(lifetime -> {
            windows.append(windows.isEmpty() ? "" : " OR ").append("(m.pin_policy = ? AND s.pin_set_at > ? AND s.pin_set_at <= ?)");
            values.add(policy.name());
            values.add(now.minus(lifetime).atOffset(ZoneOffset.UTC)); // not expired yet
            values.add(now.minus(lifetime).plus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC)); // expires within the days
        }));
        if (windows.isEmpty()) {
            return List.of();
        }
        values.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT s.mailbox_id, m.login FROM pin_state s JOIN mailbox m ON m.id = s.mailbox_id"
                        + " WHERE s.mailbox_id > ? AND s.expiry_warned = FALSE AND s.pin_expired = FALSE"
                        + " AND m.enabled = TRUE AND m.um_enabled = TRUE AND (" + windows + ")"
                        + " ORDER BY s.mailbox_id LIMIT ?")) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            List<Due> due = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(new Due(r.getLong(1), r.getString(2)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new StoreException("the PINs due an expiry warning could not be read", e);
        }
    }

    /** A claimed warning: the mailbox locked, and when its PIN expires. */
    public record Claimed(PinChange change, Instant expiresAt) {
    }

    /**
     * The mailbox locked, with its PIN's expiry, when no other change of it runs now and its PIN
     * is still due a warning under {@code policy} at {@code now} (not changed, not warned of since
     * the scan); else empty.
     */
    public Optional<Claimed> claim(long mailboxId, PinPolicy policy, Instant now) {
        Integer days = warningDays.get(policy);
        Optional<PinChange> claimed = days == null ? Optional.empty() : store.tryBegin(mailboxId);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        PinChange change = claimed.get();
        try (PreparedStatement s = change.connection().prepareStatement(
                "SELECT pin_set_at FROM pin_state WHERE mailbox_id = ? AND expiry_warned = FALSE AND pin_expired = FALSE")) {
            s.setLong(1, mailboxId);
            try (ResultSet r = s.executeQuery()) {
                Optional<Instant> expiresAt = r.next()
                        ? policy.expiryOf(r.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
                if (expiresAt.filter(at -> now.isBefore(at) && !now.isBefore(at.minus(Duration.ofDays(days)))).isPresent()) {
                    return Optional.of(new Claimed(change, expiresAt.get()));
                }
            }
            change.close();
            return Optional.empty();
        } catch (SQLException e) {
            change.close();
            throw new StoreException("the PIN due an expiry warning could not be read", e);
        }
    }

    /** The warning was mailed: the PIN is marked warned of, and the claim ends. */
    public void warned(PinChange change) {
        try (change; PreparedStatement s = change.connection().prepareStatement(
                "UPDATE pin_state SET expiry_warned = TRUE WHERE mailbox_id = ?")) {
            s.setLong(1, change.mailboxId());
            s.executeUpdate();
            change.connection().commit();
        } catch (SQLException e) {
            throw new StoreException("the expiry warning could not be recorded", e);
        }
    }
}
