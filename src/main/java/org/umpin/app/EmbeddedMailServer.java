package org.umpin.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
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
        this.greenMail = new GreenMail(new ServerSetup[] {
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
}
