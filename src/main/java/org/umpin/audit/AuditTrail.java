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

/** Every ResetPIN attempt, in the JDBC store, for answering "who reset which PIN when". */
public final class AuditTrail {

    private final DataSource dataSource;

    public AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(ResetAttempt attempt) {
        String sql = "INSERT INTO reset_attempt (attempted_at, login, mailbox, client_address, outcome, fault_code,"
                + " correlation_id, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, attempt.time().atOffset(ZoneOffset.UTC));
            s.setString(2, cut(attempt.login(), 320));
            s.setString(3, cut(attempt.mailbox(), 64));
            s.setString(4, attempt.clientAddress() == null ? null : cut(attempt.clientAddress(), 64));
            s.setString(5, attempt.outcome().word());
            s.setString(6, attempt.faultCode().orElse(null));
            s.setString(7, attempt.correlationId());
            s.setInt(8, (int) Math.min(Integer.MAX_VALUE, attempt.duration().toMillis()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the audit record could not be written", e);
        }
    }

    /** The attempts on {@code mailbox} (a mailbox login) at or after {@code since}, oldest first. */
    public List<ResetAttempt> find(String mailbox, Instant since) {
        String sql = "SELECT attempted_at, login, mailbox, client_address, outcome, fault_code, correlation_id, duration_ms"
                + " FROM reset_attempt WHERE mailbox = ? AND attempted_at >= ? ORDER BY attempted_at, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, mailbox);
            s.setObject(2, since.atOffset(ZoneOffset.UTC));
            List<ResetAttempt> attempts = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(new ResetAttempt(r.getObject(1, OffsetDateTime.class).toInstant(), r.getString(2),
                            r.getString(3), r.getString(4), ResetAttempt.Outcome.of(r.getString(5)),
                            Optional.ofNullable(r.getString(6)), r.getString(7), Duration.ofMillis(r.getInt(8))));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new StoreException("the audit trail could not be read", e);
        }
    }

    /** Deletes the attempts older than {@code before}; returns how many. */
    public int deleteBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM reset_attempt WHERE attempted_at < ?")) {
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
