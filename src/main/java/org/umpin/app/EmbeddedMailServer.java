package org.umpin.app;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default configuration's mail server (GreenMail): SMTP for umpin to send to, IMAP for
 * a person to read the mail with. Each known address can log in to IMAP with the demo
 * password. For trying umpin out, not for production.
 */
final class EmbeddedMailServer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final GreenMail greenMail;
    private final List<String> addresses;
    private final String password;
    private final String ports;

    EmbeddedMailServer(String host, int smtpPort, int imapPort, List<String> addresses, String password) {
        this.greenMail = new NoDelayGreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)});
        this.addresses = addresses;
        this.ports = host + ":" + smtpPort + " (SMTP) and " + host + ":" + imapPort + " (IMAP)";
        this.password = password;
    }

    @Override
    protected void doStart() {
        try {
            greenMail.start();
        } catch (IllegalStateException e) {
            // GreenMail's own message suggests a longer startup timeout; the cause is nearly always a port in use
            throw new StartupException("the embedded mail server could not listen on " + ports + " (in use?)", e);
        }
        addresses.forEach(address -> greenMail.setUser(address, address, password));
        LOG.info("Embedded mail server: SMTP {}:{}, IMAP {}:{} (login: the address, password: the demo password)",
                greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(),
                greenMail.getImap().getBindTo(), greenMail.getImap().getPort());
    }

    @Override
    protected void doStop() {
        greenMail.stop();
    }

    /**
     * GreenMail writes a multi-line reply (EHLO's) one line per write. With Nagle's algorithm
     * on, the second line waits for the client's delayed ACK: about 40 ms per e-mail on
     * loopback, which capped a client at about 20 e-mails/s. Its SMTP sockets get TCP_NODELAY
     * here (its IMAP server cannot be extended, and a person reading mail does not notice).
     */
    private static final class NoDelayGreenMail extends GreenMail {

        NoDelayGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(setups, managers);
            for (ServerSetup setup : setups) {
                if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                    services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                        @Override
                        protected ProtocolHandler createProtocolHandler(Socket client) {
                            return super.createProtocolHandler(noDelay(client));
                        }
                    });
                }
            }
            return services;
        }

        private static Socket noDelay(Socket client) {
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException closed) {
                // the handler finds the socket closed and ends
            }
            return client;
        }
    }
}
