package org.umpin.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.umpin.app.Beans;
import org.umpin.app.UmpinMain;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;

/**
 * The real application, started in-process as Camel Main starts it, on free ports, with its
 * own in-memory H2 store and the repository's config/ and routes/. Tests talk to it over HTTP
 * (as a {@link SoapClient}) and read its store.
 */
public final class UmpinServer extends SoapClient implements AutoCloseable {

    public static final String PEPPER = StoreView.PEPPER;
    public static final int ITERATIONS = StoreView.ITERATIONS;

    private final Main main;
    private final Map<String, String> settings;
    private final int managementPort;
    private final StoreView view;

    private UmpinServer(Main main, Map<String, String> settings, StoreView view) {
        super(Integer.parseInt(settings.get("umpin.soap.port")));
        this.main = main;
        this.settings = Map.copyOf(settings);
        this.managementPort = Integer.parseInt(settings.get("umpin.management.port"));
        this.view = view;
    }

    /**
     * What every umpin of the tests runs with: loopback on free ports, its own in-memory H2,
     * the tests' pepper and hash cost, mail to {@code smtpPort} instead of an embedded server.
     * A mutable copy: a test adds what it needs.
     */
    public static Map<String, String> testSettings(int smtpPort) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("umpin.soap.host", "127.0.0.1");
        settings.put("umpin.soap.port", Integer.toString(freePort()));
        settings.put("umpin.db.url", "jdbc:h2:mem:umpin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        settings.put("umpin.hash.secret", PEPPER);
        settings.put("umpin.hash.iterations", Integer.toString(ITERATIONS));
        settings.put("umpin.mail.embedded", "false");
        settings.put("umpin.mail.host", "127.0.0.1");
        settings.put("umpin.mail.port", Integer.toString(smtpPort));
        settings.put("umpin.mail.timeout-ms", "5000");
        settings.put("umpin.management.host", "127.0.0.1");
        settings.put("umpin.management.port", Integer.toString(freePort()));
        // each health request probes afresh, so that a test sees a change at once
        settings.put("umpin.health.cache-ms", "0");
        // many tests reset one mailbox often, or log in wrongly on purpose: ThrottleTest lowers these again
        settings.put("umpin.throttle.resets-per-hour", "1000000");
        settings.put("umpin.throttle.failed-logins-per-user", "1000000");
        settings.put("umpin.throttle.failed-logins-per-address", "1000000");
        return settings;
    }

    /** Starts umpin sending its mail to {@code smtpPort}; {@code overrides} win over the test defaults. */
    public static UmpinServer start(int smtpPort, Map<String, String> overrides) throws Exception {
        return start(smtpPort, overrides, Map.of());
    }

    /** ... with {@code beans} in the registry before umpin binds its own ({@code umpinClock}: a clock the test moves). */
    public static UmpinServer start(int smtpPort, Map<String, String> overrides, Map<String, Object> beans) throws Exception {
        Map<String, String> settings = testSettings(smtpPort);
        settings.putAll(overrides);
        Main main = UmpinMain.newMain();
        settings.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        main.start();
        awaitStartScans(main); // a test's own scans, and its clock, start after the service's first ones
        return new UmpinServer(main, settings,
                new StoreView(settings.get("umpin.db.url"), settings.getOrDefault("umpin.db.user", "sa")));
    }

    public static UmpinServer start(int smtpPort) throws Exception {
        return start(smtpPort, Map.of());
    }

    /** The telephony API, as the login calls it. */
    public TelephonyClient telephony(String login, String password) {
        return new TelephonyClient(endpoint().resolve("/pin/v1/"), login, password);
    }

    /** The management server: health and metrics. */
    public Management management() {
        return new Management(managementPort);
    }

    /** A setting the service was started with, as the tests gave it. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** What the service's store holds. */
    public StoreView view() {
        return view;
    }

    public Connection store() throws SQLException {
        return view.store();
    }

    public SecretHasher hasher() {
        return view.hasher();
    }

    public Mailbox mailbox(String login) {
        return view.mailbox(login);
    }

    public Optional<PinStore.PinState> pinState(String login) {
        return view.pinState(login);
    }

    /** The PIN policy the mailbox follows in the running service, as its settings have it. */
    public PinPolicy policy(String login) {
        return Beans.get(main.getCamelContext(), Beans.POLICIES, PinPolicies.class).named(mailbox(login).pinPolicy());
    }

    /** When the mailbox's PIN expires, under its policy in the running service. */
    public Optional<Instant> pinExpiresAt(String login) {
        return pinState(login).orElseThrow().expiresAt(policy(login));
    }

    public StoreView.StoredPin stored(String login) throws SQLException {
        return view.stored(login);
    }

    public boolean isCurrentPin(String login, String pin) {
        return view.isCurrentPin(login, pin);
    }

    /**
     * Runs one scan of a scheduled mail now, as its timer does ({@code expiry-warning},
     * {@code pin-corrections}), and returns when it is done.
     */
    public void scan(String schedule) {
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            template.sendBody("direct:" + schedule + "-scan", null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }

    /**
     * Returns once the service's first scan of each scheduled mail, which it runs as it starts,
     * is done: so that it does not run late, after the test moved its clock or stopped its relay.
     * A scan already done is in Camel's count of the route's exchanges; one still running is
     * waited for by its completion event.
     */
    private static void awaitStartScans(Main main) throws Exception {
        CamelContext context = main.getCamelContext();
        Set<String> running = ConcurrentHashMap.newKeySet();
        Stream.of("expiry-warning", "pin-corrections")
                .filter(route -> context.getRoute(route) != null) // not the benchmark's ceiling, which has routes of its own
                .forEach(running::add);
        EventNotifierSupport done = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
                if (exchange.getProperty(Exchange.SPLIT_INDEX) == null && running.remove(exchange.getFromRouteId())) {
                    synchronized (running) {
                        running.notifyAll();
                    }
                }
            }
        };
        done.start();
        context.getManagementStrategy().addEventNotifier(done);
        try {
            MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
            running.removeIf(route -> meters.find("camel.exchanges.total").tag("routeId", route).counters().stream()
                    .mapToDouble(Counter::count).sum() >= 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (running) {
                while (!running.isEmpty()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new IllegalStateException("the service's first scans " + running + " did not end within 60 s");
                    }
                    running.wait(left);
                }
            }
        } finally {
            context.getManagementStrategy().removeEventNotifier(done);
        }
    }

    /** Ports {@link #freePort} handed out in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free on this machine now, and never handed out before in this JVM: the system may
     * give the same free port twice before either is bound (a test's SMTP port, then umpin's
     * SOAP port, once collided so).
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
