package org.umpin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;

/** What umpin's store holds, read straight from the database a test gave it, for assertions. */
public class StoreView {

    /** The pepper and iteration count the tests give umpin, so that they can check its hashes. */
    public static final String PEPPER = "test-pepper";
    /** Lower than production so that the suite stays fast; each hash records its own count. */
    public static final int ITERATIONS = SecretHasher.MIN_ITERATIONS;

    private final String dbUrl;
    private final String user;

    /** The store at {@code dbUrl} (H2 or PostgreSQL), opened as {@code user} with no password. */
    public StoreView(String dbUrl, String user) {
        this.dbUrl = dbUrl;
        this.user = user;
    }

    public StoreView(String dbUrl) {
        this(dbUrl, "sa");
    }

    /** A connection to the service's own store, for assertions on what it holds. */
    /** The store's JDBC URL, as umpin.db.url names it. */
    public String url() {
        return dbUrl;
    }

    public Connection store() throws SQLException {
        return DriverManager.getConnection(dbUrl, user, "");
    }

    public SecretHasher hasher() {
        return new SecretHasher(PEPPER, ITERATIONS);
    }

    public Mailbox mailbox(String login) {
        return directory().find(login).orElseThrow();
    }

    /** The stored state of the mailbox's PIN, empty before the first reset. */
    public Optional<PinStore.PinState> pinState(String login) {
        return new PinStore(dataSource()).current(mailbox(login).id());
    }

    /** Everything stored about a mailbox's PIN: its state and its history as (seq, hash), oldest first. */
    public record StoredPin(Optional<PinStore.PinState> state, List<Map.Entry<Long, String>> history) {
    }

    public StoredPin stored(String login) throws SQLException {
        List<Map.Entry<Long, String>> history = new ArrayList<>();
        try (Connection c = store(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, pin_hash FROM pin_history WHERE mailbox_id = ? ORDER BY seq")) {
            s.setLong(1, mailbox(login).id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    history.add(Map.entry(r.getLong(1), r.getString(2)));
                }
            }
        }
        return new StoredPin(pinState(login), history);
    }

    /** The audit rows of {@code mailbox}, oldest first: every column as text, by its name. */
    public List<Map<String, String>> audit(String mailbox) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = store(); PreparedStatement s = c.prepareStatement(
                "SELECT * FROM audit_event WHERE mailbox = ? ORDER BY id")) {
            s.setString(1, mailbox);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), r.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Returns once no change of the mailbox holds its row lock (a reset, a scheduled mail's claim):
     * it takes the lock itself, waiting its turn, and lets it go.
     */
    public void awaitUnlocked(String login) throws SQLException {
        try (Connection c = store(); PreparedStatement s = c.prepareStatement("SELECT id FROM mailbox WHERE login = ? FOR UPDATE")) {
            c.setAutoCommit(false);
            s.setQueryTimeout(30);
            s.setString(1, login);
            s.executeQuery().close();
            c.rollback();
        }
    }

    /** How many intents of mailed PINs no commit and no correction has settled yet (routes/pin-corrections.camel.yaml). */
    public int intents() throws SQLException {
        try (Connection c = store(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pin_intent");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** How many audit rows, of every mailbox, have this fault code. */
    public int auditFaults(String faultCode) throws SQLException {
        try (Connection c = store(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM audit_event WHERE fault_code = ?")) {
            s.setString(1, faultCode);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** True when {@code pin} is the mailbox's current PIN, checked against the stored hash. */
    public boolean isCurrentPin(String login, String pin) {
        return pinState(login).map(state -> hasher().verify(pin, state.pinHash())).orElse(false);
    }

    private MailboxDirectory directory() {
        return new MailboxDirectory(dataSource(), hasher(), "CONTOSO");
    }

    private DataSource dataSource() {
        if (dbUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(dbUrl);
            dataSource.setUser(user);
            return dataSource;
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(dbUrl);
        dataSource.setUser(user);
        return dataSource;
    }

}
