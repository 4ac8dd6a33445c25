package org.umpin.http;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.component.Container;

/**
 * The HTTP limits of a Jetty server CXF starts (the SOAP endpoint's, the management port's), set before it starts:
 * the size of the request's header section (beyond it Jetty answers 431), how long an idle
 * connection is kept, no {@code Server} header naming Jetty and its version, and
 * {@link HttpHardening} on every context the server gets (the paths no door serves too).
 * The body's size is {@link RequestSizeLimit}'s job.
 */
public final class SoapHttpLimits implements Container.InheritedListener {

    private final int maxHeaderBytes;
    private final HttpHardening hardening;

    private SoapHttpLimits(int maxHeaderBytes, HttpHardening hardening) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.hardening = hardening;
    }

    /**
     * Registers the engine CXF will use for {@code port} on this bus, with these limits, TLS when
     * given ({@link SoapTls}), and at most {@code maxThreads} threads, two while idle (when empty,
     * Jetty's own pool); every answer hardened by {@code hardening}.
     */
    public static void apply(Bus bus, String host, int port, int maxHeaderBytes, Duration idleTimeout,
                             Optional<TLSServerParameters> tls, OptionalInt maxThreads, HttpHardening hardening) {
        // CXF calls beanAdded on this listener for each connector and, as it is inherited, each
        // context it adds (inside the server's handler), before they start
        JettyHTTPServerEngine engine = new JettyHTTPServerEngine(new SoapHttpLimits(maxHeaderBytes, hardening), host, port);
        engine.setSendServerVersion(false);
        engine.setMaxIdleTime((int) idleTimeout.toMillis());
        tls.ifPresent(engine::setTlsServerParameters);
        maxThreads.ifPresent(max -> {
            ThreadingParameters threads = new ThreadingParameters();
            threads.setMinThreads(2);
            threads.setMaxThreads(max);
            engine.setThreadingParameters(threads);
        });
        try {
            engine.finalizeConfig();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the HTTP server for port " + port + " cannot be set up", e);
        }
        bus.getExtension(JettyHTTPServerEngineFactory.class).setEnginesList(List.of(engine));
    }

    @Override
    public void beanAdded(Container parent, Object child) {
        if (child instanceof Connector connector) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                HttpConfiguration config = http.getHttpConfiguration();
                config.setRequestHeaderSize(maxHeaderBytes);
                config.setSendServerVersion(false);
                config.setSendXPoweredBy(false);
            }
        } else if (child instanceof ServletContextHandler context) {
            context.addFilter(new FilterHolder(hardening), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
        // nothing to undo
    }
}
