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
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.store.StoreException;

/**
 * The intents that resets left behind ({@link PinChange#intend}) with no commit after them: PINs
 * that may have been mailed and never became the mailbox's. Each is settled once, under its
 * mailbox's lock: a correction e-mail goes, then the intent is deleted in the same transaction.
 */
public final class PendingPins {

    /** An intent left behind: where its e-mail went, in which language, and when. */
    public record Unsettled(long id, long mailboxId, String login, String mailedTo, String language, Instant mailedAt) {
    }

    /**
     * How old an intent must be before it is taken for a reset that ended without its commit. A
     * reset holds its mailbox's lock for as long as its intent exists, so the lock alone tells a
     * live reset's intent from a dead one's; the age keeps the scan clear of any clock or moment
     * that argument overlooks, and costs a correction only these seconds.
     */
    public static final Duration UNSETTLED_AFTER = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final PinStore store;

    public PendingPins(DataSource dataSource, PinStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /** The oldest {@code limit} intents older than {@link #UNSETTLED_AFTER} at {@code now}. */
    public List<Unsettled> unsettled(Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT i.id, i.mailbox_id, m.login, i.mailed_to, i.language, i.created_at FROM pin_intent i"
                        + " JOIN mailbox m ON m.id = i.mailbox_id WHERE i.created_at < ? ORDER BY i.id LIMIT ?")) {
            s.setObject(1, now.minus(UNSETTLED_AFTER).atOffset(ZoneOffset.UTC));
            s.setInt(2, limit);
            List<Unsettled> intents = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    intents.add(new Unsettled(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return intents;
        } catch (SQLException e) {
            throw new StoreException("the unsettled PINs could not be read", e);
        }
    }

    /**
     * The intent's mailbox, locked, when no other change of it runs now and the intent is still
     * there (another instance did not settle it, no reset superseded it); else empty.
     */
    public Optional<PinChange> claim(Unsettled intent) {
        Optional<PinChange> claimed = store.tryBegin(intent.mailboxId());
        if (claimed.isEmpty()) {
            return claimed;
        }
        PinChange change = claimed.get();
        try (PreparedStatement s = change.connection().prepareStatement("SELECT COUNT(*) FROM pin_intent WHERE id = ?")) {
            s.setLong(1, intent.id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) > 0) {
                    return claimed;
                }
            }
            change.close();
            return Optional.empty();
        } catch (SQLException e) {
            change.close();
            throw new StoreException("the unsettled PIN could not be read", e);
        }
    }

    /** Its correction was mailed: the intent is deleted, and the claim ends. */
    public void settle(PinChange change, Unsettled intent) {
        try (change; PreparedStatement s = change.connection().prepareStatement("DELETE FROM pin_intent WHERE id = ?")) {
            s.setLong(1, intent.id());
            s.executeUpdate();
            change.connection().commit();
        } catch (SQLException e) {
            throw new StoreException("the settled PIN could not be recorded", e);
        }
    }
}
