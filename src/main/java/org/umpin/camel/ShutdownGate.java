package org.umpin.camel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.cxf.Bus;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;

/**
 * Refuses new requests once the service is stopping, while the resets already in flight
 * finish (Camel waits for them, up to camel.main.shutdown-timeout): the listening socket is
 * closed, so new connections are refused, and a request on a connection already open gets
 * HTTP 503 with {@code Connection: close}.
 */
public final class ShutdownGate extends AbstractPhaseInterceptor<Message> {

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

    @Override
    public void handleMessage(Message message) {
        if (!closed) {
            return;
        }
        message.getInterceptorChain().abort();
        HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Connection", "close");
        response.setContentLength(0);
        try {
            response.flushBuffer();
        } catch (IOException clientGone) {
            // nothing to tell a client that hung up
        }
    }
}
