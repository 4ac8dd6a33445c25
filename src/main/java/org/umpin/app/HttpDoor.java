package org.umpin.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.message.Message;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.HttpHardening;
import org.umpin.http.KerberosAcceptor;
import org.umpin.http.RequestClient;
import org.umpin.http.RequestStart;
import org.umpin.http.ShutdownGate;
import org.umpin.http.SoapHttpLimits;
import org.umpin.http.SoapTls;
import org.umpin.http.TrustedProxies;
import org.umpin.soap.Wsdl;

/**
 * Where umpin's HTTP doors (the SOAP endpoint, the telephony API) listen, one server for both:
 * CXF's own Jetty server on {@code umpin.soap.host}:{@code umpin.soap.port}, with umpin's HTTP
 * limits, HTTPS when a key store is set, and a gate that refuses new requests while stopping;
 * or, with {@code umpin.soap.address}, paths under an embedding servlet container's CXF servlet.
 *
 * @param soapAddress the SOAP endpoint's address: a URL, or the path under the servlet container
 * @param base        the scheme, host and port every other door's path follows; empty under a servlet container
 * @param bus  the CXF bus the doors share; empty for the endpoint's own under a servlet container
 *             that has none in the registry
 */
record HttpDoor(String soapAddress, String base, Optional<Bus> bus, Optional<ShutdownGate> gate, RequestClient client) {

    /**
     * The settings every door's server shares, each read here with its bounds: where it listens
     * ({@code umpin.soap.host}, {@code port}, or {@code address} under a servlet container), its
     * limits, TLS, HSTS, the trusted proxies, and the login rules of every door (the realm, Basic
     * over plain HTTP).
     */
    record Settings(String host, int port, String servletPath, int maxHeaderBytes, Duration idleTimeout, String keyStore,
                    String keyStorePassword, Duration hsts, TrustedProxies proxies, boolean allowPlainHttp, String realm,
                    List<HttpAuthentication.Scheme> schemes, String keytab, String kerberosPrincipal) {

        static Settings of(UmpinSettings settings) {
            String path = settings.text("umpin.soap.address", "");
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw new IllegalArgumentException("setting umpin.soap.address must be a path starting with /, got \"" + path + "\"");
            }
            return new Settings(settings.text("umpin.soap.host"), settings.number("umpin.soap.port", 1, 65535), path,
                    settings.number("umpin.soap.max-header-bytes", 1024, 1 << 20),
                    Duration.ofMillis(settings.number("umpin.soap.idle-timeout-ms", 1000, 3_600_000)),
                    settings.text("umpin.tls.key-store", ""), settings.text("umpin.tls.key-store-password", ""),
                    Duration.ofSeconds(settings.number("umpin.tls.hsts-seconds", 0, 63_072_000)), trustedProxies(settings),
                    settings.flag("umpin.auth.allow-basic-over-http"), settings.text("umpin.auth.realm"),
                    HttpAuthentication.Scheme.parse("umpin.auth.schemes", settings.text("umpin.auth.schemes")),
                    settings.text("umpin.kerberos.keytab", ""), settings.text("umpin.kerberos.principal", ""));
        }

        /**
         * The service's Kerberos key, when a door offers Negotiate ({@code schemes} or
         * {@code alsoNegotiate}: the telephony API's own setting); a wrong keytab or principal stops the start.
         */
        Optional<KerberosAcceptor> kerberos(boolean alsoNegotiate) {
            if (!schemes.contains(HttpAuthentication.Scheme.NEGOTIATE) && !alsoNegotiate) {
                return Optional.empty();
            }
            if (keytab.isEmpty() || kerberosPrincipal.isEmpty()) {
                throw new IllegalArgumentException("Negotiate needs the service's Kerberos key: set umpin.kerberos.keytab and "
                        + "umpin.kerberos.principal");
            }
            return Optional.of(KerberosAcceptor.of(Path.of(keytab), kerberosPrincipal));
        }
    }

    static HttpDoor of(CamelContext context, Settings settings) throws Exception {
        RequestClient client = new RequestClient(settings.proxies());
        if (!settings.servletPath().isEmpty()) {
            // a path under the hosting servlet container's CXF servlet, on that servlet's bus
            Optional<Bus> servletBus = Optional.ofNullable(context.getRegistry().findSingleByType(Bus.class));
            return new HttpDoor(settings.servletPath(), "", servletBus, Optional.empty(), client);
        }
        Optional<TLSServerParameters> tls = settings.keyStore().isEmpty() ? Optional.empty()
                : Optional.of(tls(settings.keyStore(), settings.keyStorePassword()));
        Bus bus = BusFactory.newInstance().createBus();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                bus.shutdown(true);
            }
        });
        SoapHttpLimits.apply(bus, settings.host(), settings.port(), settings.maxHeaderBytes(), settings.idleTimeout(), tls,
                OptionalInt.empty(), new HttpHardening(settings.hsts(), "GET, HEAD, POST, PUT, OPTIONS"));
        // under a servlet container, the container closes its listener and drains requests itself
        ShutdownGate gate = new ShutdownGate(bus, settings.port());
        context.getManagementStrategy().addEventNotifier(gate.closeWhenStopping());
        String base = (tls.isPresent() ? "https://" : "http://") + settings.host() + ":" + settings.port();
        return new HttpDoor(base + Wsdl.PATH, base, Optional.of(bus), Optional.of(gate), client);
    }

    /**
     * The interceptors every door's requests pass first, in this order: who sent the request,
     * where it starts (its correlation id, its time), and the gate that refuses it while stopping.
     */
    List<Interceptor<? extends Message>> entrance() {
        List<Interceptor<? extends Message>> in = new ArrayList<>(List.of(client, RequestStart.interceptor()));
        gate.ifPresent(in::add);
        return in;
    }

    private static TrustedProxies trustedProxies(UmpinSettings settings) {
        TrustedProxies.Header header = settings.parsed("umpin.proxy.header", TrustedProxies.Header::named);
        try {
            return TrustedProxies.parse(settings.text("umpin.proxy.trusted", ""), header);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting umpin.proxy.trusted: " + e.getMessage());
        }
    }

    /**
     * Opens a JAX-RS door at {@code path} on this server once the routes run, so that no request
     * finds {@code direct:<route>} without its route (the start fails instead), and closes it as
     * the context stops. {@code door} sets the rest: the resource, its interceptors, its providers.
     */
    void openWhenRoutesRun(CamelContext context, String path, String route,
                           BiConsumer<CamelContext, JAXRSServerFactoryBean> door) throws Exception {
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // not yet: the routes' consumers start after this
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                UmpinConfiguration.requireRoute(started, "direct:" + route,
                        r -> ("direct://" + route).equals(r.getEndpoint().getEndpointUri()));
                JAXRSServerFactoryBean server = new JAXRSServerFactoryBean();
                bus.ifPresent(server::setBus);
                server.setAddress(address(path));
                door.accept(started, server);
                Server open = server.create();
                started.addService(new ServiceSupport() {
                    @Override
                    protected void doStop() {
                        open.destroy();
                    }
                });
            }
        });
    }

    /** The address of a door at {@code path} ({@code /pin/v1}). */
    String address(String path) {
        return base + path;
    }

    private static TLSServerParameters tls(String keyStore, String password) {
        try {
            return SoapTls.fromKeyStore(Path.of(keyStore), password);
        } catch (IllegalArgumentException e) {
            throw new StartupException("setting umpin.tls.key-store: " + e.getMessage(), e);
        }
    }
}
