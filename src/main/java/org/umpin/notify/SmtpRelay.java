package org.umpin.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The SMTP relay the PIN e-mails go through, as umpin's settings describe it: plain SMTP, SMTP
 * with a required STARTTLS, or SMTPS (TLS from the first byte); optionally a login. With TLS
 * the relay's certificate must be trusted ({@code trust}, or the JVM's trust store) and name
 * the host umpin connects to. A relay that does not offer STARTTLS when it is required gets no
 * e-mail: the PIN never crosses a network in clear.
 */
public final class SmtpRelay {

    public enum Security {
        NONE, STARTTLS, SMTPS;

        /** {@code none}, {@code starttls} or {@code smtps}, in any case. */
        public static Security named(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be none, starttls or smtps, got \"" + name + "\"");
            }
        }
    }

    /** A login at the relay; the password is never logged (see {@link #toString}). */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return username + ":******";
        }
    }

    /**
     * Where Jakarta Mail schedules its write timeouts: left to itself it starts a thread pool
     * per connection, so a thread per e-mail, started and stopped. One thread for every
     * session instead, which ends after a minute without mail.
     */
    private static final ScheduledThreadPoolExecutor WRITE_TIMEOUTS = writeTimeouts();

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader for every message
        // and body part it builds (jakartaee/mail-api#699), a twentieth of a reset's CPU; named
        // here it is found by name. The one it would find: Angus Mail's, which umpin ships. A
        // host that names another keeps it.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static ScheduledThreadPoolExecutor writeTimeouts() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "umpin-smtp-write-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // each write schedules its timeout and cancels it once written: drop what is cancelled
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.MINUTES);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private final String host;
    private final int port;
    private final Security security;
    private final Optional<Login> login;
    private final Optional<SSLSocketFactory> trust;

    /**
     * @param trust the TLS sockets to the relay, trusting the certificates of a trust store of
     *              umpin's own; empty for the JVM's trust store
     */
    public SmtpRelay(String host, int port, Security security, Optional<Login> login, Optional<SSLSocketFactory> trust) {
        if (login.isPresent() && security == Security.NONE) {
            throw new IllegalArgumentException("a login at the relay needs starttls or smtps: the password would cross the network in clear");
        }
        this.host = host;
        this.port = port;
        this.security = security;
        this.login = login;
        this.trust = trust;
    }

    public Security security() {
        return security;
    }

    /** A session that sends as these settings say, each answer of the relay awaited at most {@code timeout}. */
    public Session session(Duration timeout) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        String millis = Long.toString(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.executor.writetimeout", WRITE_TIMEOUTS);
        if (security == Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        } else if (security == Security.SMTPS) {
            props.put("mail.smtp.ssl.enable", "true");
        }
        if (security != Security.NONE) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            trust.ifPresent(factory -> props.put("mail.smtp.ssl.socketFactory", factory));
        }
        if (login.isEmpty()) {
            return Session.getInstance(props);
        }
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.user", login.get().username());
        PasswordAuthentication credentials = new PasswordAuthentication(login.get().username(), login.get().password());
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        });
    }

    /**
     * Connects as a send would (greeting, EHLO, STARTTLS and the certificate, the login) and says
     * QUIT: no mail, nothing a relay logs as an error. Throws when any of it fails.
     */
    public void check(Duration timeout) throws MessagingException {
        Transport transport = session(timeout).getTransport("smtp");
        transport.connect();
        transport.close();
    }
}
