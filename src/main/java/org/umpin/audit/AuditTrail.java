package org.umpin.audit;

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
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * Every action on a PIN (ResetPIN attempts, telephone logons and PIN changes, automatic resets,
 * the administrator's commands), in the JDBC store, for answering "who did what to which PIN when".
 */
public final class AuditTrail {

    private final DataSource dataSource;

    public AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(PinEvent event) {
        String sql = "INSERT INTO audit_event (attempted_at, action, login, mailbox, client_address, outcome, fault_code,"
                + " correlation_id, duration_ms, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, event.time().atOffset(ZoneOffset.UTC));
            s.setString(2, cut(event.action(), 32));
            s.setString(3, cut(event.caller(), 320));
            s.setString(4, cut(event.mailbox(), 64));
            s.setString(5, event.clientAddress().map(a -> cut(a, 64)).orElse(null));
            s.setString(6, cut(event.outcome(), 32));
            s.setString(7, event.detail().map(d -> cut(d, 64)).orElse(null));
            s.setString(8, event.correlationId());
            s.setInt(9, (int) Math.min(Integer.MAX_VALUE, event.duration().toMillis()));
            s.setString(10, event.change().map(change -> cut(change.oldValue(), 512)).orElse(null));
            s.setString(11, event.change().map(change -> cut(change.newValue(), 512)).orElse(null));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the audit record could not be written", e);
        }
    }

    /** The events on {@code mailbox} (a mailbox login) at or after {@code since}, oldest first. */
    public List<PinEvent> find(String mailbox, Instant since) {
        String sql = "SELECT attempted_at, action, login, mailbox, client_address, outcome, fault_code, correlation_id,"
                + " duration_ms, old_value, new_value FROM audit_event WHERE mailbox = ? AND attempted_at >= ? ORDER BY attempted_at, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, mailbox);
            s.setObject(2, since.atOffset(ZoneOffset.UTC));
            List<PinEvent> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new PinEvent(r.getObject(1, OffsetDateTime.class).toInstant(), r.getString(2),
                            r.getString(3), r.getString(4), Optional.ofNullable(r.getString(5)), r.getString(6),
                            Optional.ofNullable(r.getString(7)), r.getString(8), Duration.ofMillis(r.getInt(9)),
                            r.getString(10) == null ? Optional.empty()
                                    : Optional.of(new PinEvent.ValueChange(r.getString(10), r.getString(11)))));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("the audit trail could not be read", e);
        }
    }

    /** Deletes the attempts older than {@code before}; returns how many. */
    public int deleteBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM audit_event WHERE attempted_at < ?")) {
            s.setObject(1, before.atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("old audit records could not be deleted", e);
        }
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
