package org.umpin.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.HttpHardening;
import org.umpin.http.SoapHttpLimits;
import org.umpin.http.SoapTls;

/**
 * The management port, {@code umpin.management.host}:{@code umpin.management.port}: {@link ObserveApi}
 * on a Jetty server of its own, made by CXF as the SOAP endpoint's is (the same HTTP limits, one
 * HTTP stack in the process), behind {@link ManagementDoor} when a login is set, HTTPS only with
 * {@code umpin.management.tls.key-store}. It opens as the context starts and closes as it stops.
 */
public final class ManagementPort extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementPort.class);
    /** Probes and a scraper need few: a thread per concurrent request, and Jetty's acceptor and selector. */
    private static final int MAX_THREADS = 8;

    private final Bus bus;
    private final JAXRSServerFactoryBean api;
    private final String address;
    private Server server;

    private ManagementPort(Bus bus, JAXRSServerFactoryBean api, String address) {
        this.bus = bus;
        this.api = api;
        this.address = address;
    }

    /**
     * Where the management port listens and how: {@code umpin.management.host}, {@code port} and
     * {@code tls.*}, with the SOAP server's header bound, idle timeout and HSTS (one HTTP stack).
     */
    public record Settings(String host, int port, String keyStore, String keyStorePassword, int maxHeaderBytes,
                           Duration idleTimeout, Duration hsts) {
    }

    /** Adds the management port to {@code context}, as the context starts; a bad key store or a port in use stops the start. */
    public static void open(CamelContext context, Settings settings, MeterRegistry meters, Optional<ManagementDoor> door)
            throws Exception {
        if (!(meters instanceof PrometheusMeterRegistry prometheus)) {
            throw new IllegalStateException("the metricsRegistry bean is a " + meters.getClass().getName()
                    + ", not a Prometheus registry: /observe/metrics cannot scrape it");
        }
        String host = settings.host();
        int port = settings.port();
        requireFreePort(host, port);
        Optional<TLSServerParameters> tls = settings.keyStore().isEmpty() ? Optional.empty()
                : Optional.of(tls(Path.of(settings.keyStore()), settings.keyStorePassword()));
        Bus bus = BusFactory.newInstance().createBus();
        SoapHttpLimits.apply(bus, host, port, settings.maxHeaderBytes(), settings.idleTimeout(), tls,
                OptionalInt.of(MAX_THREADS), new HttpHardening(settings.hsts(), "GET, HEAD"));
        String address = (tls.isPresent() ? "https://" : "http://") + host + ":" + port + ObserveApi.PATH;
        JAXRSServerFactoryBean api = new JAXRSServerFactoryBean();
        api.setBus(bus);
        api.setAddress(address);
        api.setServiceBean(new ObserveApi(context, prometheus));
        api.setProviders(List.of(new ObserveApi.Refusals()));
        door.ifPresent(d -> api.setInInterceptors(List.of(d)));
        context.addService(new ManagementPort(bus, api, address));
    }

    @Override
    protected void doStart() {
        server = api.create();
        LOG.info("Health and metrics at {}/health and {}/metrics", address, address);
    }

    @Override
    protected void doStop() {
        if (server != null) {
            server.destroy();
        }
        bus.shutdown(true);
    }

    private static TLSServerParameters tls(Path keyStore, String password) {
        try {
            return SoapTls.fromKeyStore(keyStore, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting umpin.management.tls.key-store: " + e.getMessage());
        }
    }

    /** A port that cannot be listened on stops the start with the setting's name, not a stack trace of Jetty's. */
    private static void requireFreePort(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalArgumentException("setting umpin.management.port: " + host + ":" + port + " cannot be listened on: "
                    + e.getMessage(), e);
        }
    }
}
