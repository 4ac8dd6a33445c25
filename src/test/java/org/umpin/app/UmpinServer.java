package org.umpin.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.main.Main;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.pin.PinStore;
import org.h2.jdbcx.JdbcDataSource;
import org.umpin.secret.SecretHasher;

/**
 * The real application, started in-process as Camel Main starts it, on free ports, with its
 * own in-memory H2 store and the repository's config/ and routes/. Tests talk to it over HTTP.
 */
public final class UmpinServer implements AutoCloseable {

    public static final String SOAP_ACTION = "http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN";
    public static final String PEPPER = "test-pepper";
    /** Lower than production so that the suite stays fast; each hash records its own count. */
    public static final int ITERATIONS = 10_000;

    private final Main main;
    private final int port;
    private final String dbUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private UmpinServer(Main main, int port, String dbUrl) {
        this.main = main;
        this.port = port;
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

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/EWS/UM2007Legacy.asmx");
    }

    /** The seed's request, as {@code requests/reset-pin.xml} holds it. */
    public static String resetPinRequest() throws IOException {
        return Files.readString(Path.of("requests/reset-pin.xml"), StandardCharsets.UTF_8);
    }

    public HttpResponse<String> resetPin(String login, String password) throws Exception {
        return post(resetPinRequest(), login, password, Map.of());
    }

    /** A SOAP 1.1 POST with the ResetPIN SOAPAction unless {@code headers} names another; no credentials when login is null. */
    public HttpResponse<String> post(String body, String login, String password, Map<String, String> headers)
            throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("Content-Type", "text/xml; charset=utf-8");
        all.put("SOAPAction", "\"" + SOAP_ACTION + "\"");
        if (login != null) {
            all.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        all.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint() + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
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
