package org.umpin.app;

import jakarta.mail.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.component.mail.MailEndpoint;
import org.umpin.notify.SmtpRelay;
import org.umpin.secret.KeyStoreFile;

/**
 * The mail: the SMTP relay of the {@code umpin.mail.*} settings as the Jakarta Mail session the
 * route pin-mail sends through ({@value #MAIL_SESSION}), and with {@code umpin.mail.embedded} the
 * embedded mail server that the demo mailboxes read over IMAP. The command line's
 * {@code pin reset} binds the same session ({@link #bindRelay}), without the embedded server.
 */
public final class MailConfiguration implements CamelConfiguration {

    /** The relay's Jakarta Mail session, as the pin-mail route's smtp URI names it ({@code session=#umpinMailSession}). */
    static final String MAIL_SESSION = "umpinMailSession";

    /** The {@code umpin.mail.*} settings, each read here with its bounds. */
    public record Settings(String host, int port, SmtpRelay.Security security, Optional<SmtpRelay.Login> login, String trustStore,
                    String trustStorePassword, Duration timeout, String from, String templates, ZoneId timeZone, boolean embedded,
                    int embeddedImapPort, String embeddedPassword) {

        public static Settings of(UmpinSettings settings) {
            String username = settings.text("umpin.mail.username", "");
            Settings mail = new Settings(settings.text("umpin.mail.host"), settings.number("umpin.mail.port", 1, 65535),
                    settings.parsed("umpin.mail.security", SmtpRelay.Security::named),
                    username.isEmpty() ? Optional.empty()
                            : Optional.of(new SmtpRelay.Login(username, settings.text("umpin.mail.password", ""))),
                    settings.text("umpin.mail.trust-store", ""), settings.text("umpin.mail.trust-store-password", ""),
                    Duration.ofMillis(settings.number("umpin.mail.timeout-ms", 100, 600_000)),
                    settings.text("umpin.mail.from"), settings.text("umpin.mail.templates"),
                    settings.parsed("umpin.mail.time-zone", ZoneId::of), settings.flag("umpin.mail.embedded"), settings.number("umpin.mail.embedded.imap-port", 1, 65535),
                    settings.text("umpin.mail.embedded.password"));
            // read by routes/new-pin.camel.yaml; checked here so that a bad value stops the start clearly
            settings.number("umpin.mail.retries", 0, 20);
            settings.number("umpin.mail.retry-delay-ms", 0, 600_000);
            settings.number("umpin.mail.retry-backoff", 1, 10);
            return mail;
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.of(UmpinSettings.of(context));
        SmtpRelay relay = bindRelay(context, settings);
        if (settings.embedded()) {
            if (relay.security() != SmtpRelay.Security.NONE) {
                throw new IllegalArgumentException("setting umpin.mail.security must be none with umpin.mail.embedded = true:"
                        + " the embedded mail server speaks plain SMTP");
            }
            @SuppressWarnings("unchecked")
            List<String> addresses = Beans.get(context, DirectoryConfiguration.DEMO_ADDRESSES, List.class);
            context.addService(new EmbeddedMailServer(settings.host(), settings.port(), settings.embeddedImapPort(), addresses,
                    settings.embeddedPassword()));
        }
    }

    /** The relay ({@value Beans#RELAY}) and its session ({@value #MAIL_SESSION}), which every smtp endpoint to it must use. */
    public static SmtpRelay bindRelay(CamelContext context, Settings settings) throws Exception {
        SmtpRelay relay = relay(settings);
        Session session = relay.session(settings.timeout());
        context.getRegistry().bind(Beans.RELAY, relay);
        context.getRegistry().bind(MAIL_SESSION, session);
        context.addStartupListener(requireMailSession(session));
        return relay;
    }

    /** The SMTP relay of the settings. */
    static SmtpRelay relay(Settings settings) {
        Optional<SSLSocketFactory> trust;
        try {
            trust = settings.trustStore().isEmpty() ? Optional.empty() : Optional.of(KeyStoreFile.trusting(
                    Path.of(settings.trustStore()), settings.trustStorePassword()).getSocketFactory());
        } catch (IllegalArgumentException e) {
            throw new StartupException("setting umpin.mail.trust-store: " + e.getMessage(), e);
        }
        try {
            return new SmtpRelay(settings.host(), settings.port(), settings.security(), settings.login(), trust);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting umpin.mail.username: " + e.getMessage());
        }
    }

    /**
     * The relay's settings (TLS, the login) live in the session: an smtp endpoint to the relay
     * without it, in a route file of an earlier version or edited by hand, would send the PIN as
     * plain SMTP. Refuse it. An embedding application's mail to other servers is its own affair.
     */
    private static StartupListener requireMailSession(Session session) {
        String host = session.getProperty("mail.smtp.host");
        int port = Integer.parseInt(session.getProperty("mail.smtp.port"));
        return (context, alreadyStarted) -> {
            for (Endpoint endpoint : context.getEndpoints()) {
                if (endpoint instanceof MailEndpoint mail && mail.getConfiguration().getProtocol().startsWith("smtp")
                        && host.equalsIgnoreCase(mail.getConfiguration().getHost()) && port == mail.getConfiguration().getPort()
                        && mail.getConfiguration().getSession() != session) {
                    throw new IllegalStateException("the SMTP endpoint " + endpoint.getEndpointBaseUri()
                            + " does not send through umpin's relay settings: add session=#" + MAIL_SESSION
                            + " to its URI (routes/new-pin.camel.yaml)");
                }
            }
        };
    }
}
