package org.umpin.http;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.cxf.Bus;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new requests once the service is stopping, while the resets already in flight
 * finish (Camel waits for them, up to camel.main.shutdown-timeout): the listening socket is
 * closed, so new connections are refused, and a request on a connection already open gets
 * HTTP 503 with {@code Connection: close}.
 */
public final class ShutdownGate extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGate.class);

    private final Bus bus;
    private final int port;
    private volatile boolean closed;

    public ShutdownGate(Bus bus, int port) {
        super(Phase.RECEIVE);
        addBefore(RequestSizeLimit.class.getName());
        this.bus = bus;
        this.port = port;
    }

    /** From now on, refuse. */
    public void close() {
        closed = true;
        LOG.info("Stopping: new requests are refused, resets in flight may finish");
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        JettyHTTPServerEngine engine = factory == null ? null : factory.retrieveJettyHTTPServerEngine(port);
        if (engine == null || engine.getServer() == null) {
            return; // served by a servlet container, which has its own shutdown
        }
        for (Connector connector : engine.getServer().getConnectors()) {
            if (connector instanceof NetworkConnector listening) {
                listening.close();
            }
        }
    }

    /** Closes the gate when Camel starts stopping, before it stops the routes and waits for the resets in flight. */
    public EventNotifier closeWhenStopping() {
        return new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                ShutdownGate.this.close();
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        };
    }

    @Override
    public void handleMessage(Message message) {
        if (!closed) {
            return;
        }
        HttpRefusal.closing(message, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
}
