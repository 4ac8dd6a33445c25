package org.umpin.testing;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The JDK's own Kerberos client, as a Java program of a Windows shop signs in: a JAAS login
 * from a ticket cache ({@code kinit}'s), then a SPNEGO token for a service by the GSS-API, for an
 * {@code Authorization: Negotiate} header of the JDK's HTTP client.
 */
public final class KerberosClient {

    private final Subject subject;

    private KerberosClient(Subject subject) {
        this.subject = subject;
    }

    /** Logs {@code user} in from {@code ccache}, which holds its ticket-granting ticket. */
    public static KerberosClient fromTicketCache(String user, Path ccache) throws Exception {
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("useTicketCache", "true", "ticketCache", ccache.toString(), "doNotPrompt", "true",
                                "principal", user + "@" + Kdc.REALM, "refreshKrb5Config", "true"))};
            }
        };
        LoginContext login = new LoginContext("umpin-test-client", new Subject(), null, jaas);
        login.login();
        return new KerberosClient(login.getSubject());
    }

    /** When the tickets this login holds (its ticket-granting ticket, the services' it got) expire: the earliest end. */
    public Instant ticketsEnd() {
        return subject.getPrivateCredentials(KerberosTicket.class).stream().map(t -> t.getEndTime().toInstant())
                .min(Instant::compareTo).orElseThrow();
    }

    /** A new SPNEGO token for {@code HTTP@host}, base64 as the header carries it. */
    @SuppressWarnings("removal")
    public String token(String host) throws Exception {
        return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSContext context = manager.createContext(manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE),
                    new Oid("1.3.6.1.5.5.2"), null, GSSContext.DEFAULT_LIFETIME);
            try {
                return Base64.getEncoder().encodeToString(context.initSecContext(new byte[0], 0, 0));
            } finally {
                context.dispose();
            }
        });
    }
}
