package org.umpin.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcDataSource;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;

/**
 * The real application, started in-process as Camel Main starts it, on free ports, with its
 * own in-memory H2 store and the repository's config/ and routes/. Tests talk to it over HTTP
 * (as a {@link SoapClient}) and read its store.
 */
public final class UmpinServer extends SoapClient implements AutoCloseable {

    public static final String PEPPER = "test-pepper";
    /** Lower than production so that the suite stays fast; each hash records its own count. */
    public static final int ITERATIONS = 10_000;

    private final Main main;
    private final String dbUrl;

    private UmpinServer(Main main, int port, String dbUrl) {
        super(port);
        this.main = main;
        this.dbUrl = dbUrl;
    }

    /** Starts umpin sending its mail to {@code smtpPort}; {@code overrides} win over the test defaults. */
    public static UmpinServer start(int smtpPort, Map<String, String> overrides) throws Exception {
        int port = freePort();
        String dbUrl = "jdbc:h2:mem:umpin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("umpin.soap.host", "127.0.0.1");
        settings.put("umpin.soap.port", Integer.toString(port));
        settings.put("umpin.db.url", dbUrl);
        settings.put("umpin.hash.secret", PEPPER);
        settings.put("umpin.hash.iterations", Integer.toString(ITERATIONS));
        settings.put("umpin.mail.embedded", "false");
        settings.put("umpin.mail.host", "127.0.0.1");
        settings.put("umpin.mail.port", Integer.toString(smtpPort));
        settings.put("umpin.mail.timeout-ms", "5000");
        settings.putAll(overrides);
        Main main = UmpinApplication.newMain();
        settings.forEach(main::addOverrideProperty);
        main.start();
        return new UmpinServer(main, Integer.parseInt(settings.get("umpin.soap.port")), settings.get("umpin.db.url"));
    }

    public static UmpinServer start(int smtpPort) throws Exception {
        return start(smtpPort, Map.of());
    }

    /** A connection to the service's own store, for assertions on what it holds. */
    public Connection store() throws SQLException {
        return DriverManager.getConnection(dbUrl, "sa", "");
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

    /** True when {@code pin} is the mailbox's current PIN, checked against the stored hash. */
    public boolean isCurrentPin(String login, String pin) {
        return pinState(login).map(state -> hasher().verify(pin, state.pinHash())).orElse(false);
    }

    private MailboxDirectory directory() {
        return new MailboxDirectory(dataSource(), hasher(), "CONTOSO");
    }

    private JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(dbUrl);
        dataSource.setUser("sa");
        return dataSource;
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
