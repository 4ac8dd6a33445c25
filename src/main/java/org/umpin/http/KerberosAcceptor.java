package org.umpin.http;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The service's side of HTTP Negotiate (SPNEGO, RFC 4559) with Kerberos, by the JDK's own
 * GSS-API: the service's key from a keytab, each {@code Authorization: Negotiate} token accepted
 * in one step (Kerberos needs no second leg), the caller's principal out. A token that is
 * defective, expired, for another service or replayed (the JDK's replay cache) is refused.
 */
public final class KerberosAcceptor {

    /** A token accepted: the caller's principal ({@code alice@CONTOSO.EXAMPLE}) and the token that answers it, if any. */
    public record Accepted(String principal, Optional<String> answer) {
    }

    /** How a caller who signed in with Kerberos is named in the audit trail and the log: {@code kerberos:alice@CONTOSO.EXAMPLE}. */
    public static final String PREFIX = "kerberos:";

    /**
     * A token's caller, for {@code LoginCheck.vouched}: the names to look up in the directory
     * ({@link #logins}; none for a refused token), the name the audit and the log show, and the
     * answer token for the 401-free reply.
     */
    public record Caller(List<String> names, String shown, Optional<String> answer) {
    }

    /** The caller of an {@code Authorization: Negotiate} token, accepted or refused. */
    public Caller caller(String base64) {
        Optional<Accepted> accepted = accept(base64);
        return new Caller(accepted.map(a -> logins(a.principal())).orElse(List.of()),
                PREFIX + accepted.map(Accepted::principal).orElse("(a refused ticket)"),
                accepted.flatMap(Accepted::answer));
    }

    private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final Oid KERBEROS = oid("1.2.840.113554.1.2.2");

    private final GSSManager manager = GSSManager.getInstance();
    private final GSSCredential credential;
    private final String realm;

    private KerberosAcceptor(GSSCredential credential, String realm) {
        this.credential = credential;
        this.realm = realm;
    }

    /**
     * The acceptor of {@code principal} ({@code HTTP/umpin.contoso.example@CONTOSO.EXAMPLE}), whose
     * keys are in {@code keytab}.
     *
     * @throws IllegalArgumentException saying in one line what is wrong: no such file, no key of
     *                                  the principal in it, a principal without its realm
     */
    @SuppressWarnings("removal") // Subject.doAs: Java 17 has no Subject.callAs, and doAs works up to 25
    public static KerberosAcceptor of(Path keytab, String principal) {
        int at = principal.lastIndexOf('@');
        if (!principal.contains("/") || at < 0 || at == principal.length() - 1) {
            throw new IllegalArgumentException("setting umpin.kerberos.principal must be the service's whole name, "
                    + "HTTP/<host>@<REALM>, not \"" + principal + "\"");
        }
        if (!Files.isReadable(keytab)) {
            throw new IllegalArgumentException("setting umpin.kerberos.keytab: " + keytab + " does not exist or cannot be read");
        }
        KerberosPrincipal service = new KerberosPrincipal(principal);
        KeyTab keys = KeyTab.getInstance(service, new File(keytab.toString()));
        if (keys.getKeys(service).length == 0) {
            throw new IllegalArgumentException("setting umpin.kerberos.keytab: " + keytab + " holds no key of " + principal
                    + " (umpin.kerberos.principal)");
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(service);
        subject.getPrivateCredentials().add(keys);
        try {
            GSSManager manager = GSSManager.getInstance();
            GSSCredential credential = Subject.doAs(subject, (PrivilegedExceptionAction<GSSCredential>) () ->
                    manager.createCredential(manager.createName(principal, GSSName.NT_USER_NAME),
                            GSSCredential.INDEFINITE_LIFETIME, new Oid[] {SPNEGO, KERBEROS}, GSSCredential.ACCEPT_ONLY));
            return new KerberosAcceptor(credential, principal.substring(at + 1));
        } catch (PrivilegedActionException e) {
            // the message says it all: the start's one line is the deepest cause's
            throw new IllegalArgumentException("setting umpin.kerberos.keytab: the key of " + principal + " cannot be used: "
                    + e.getCause().getMessage());
        }
    }

    /** Accepts the base64 token of an {@code Authorization: Negotiate} header; empty when it is refused. */
    public Optional<Accepted> accept(String base64) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        GSSContext context = null;
        try {
            context = manager.createContext(credential);
            byte[] answer = context.acceptSecContext(token, 0, token.length);
            if (!context.isEstablished()) {
                return Optional.empty(); // a mechanism that wants more legs (NTLM inside SPNEGO): not offered
            }
            return Optional.of(new Accepted(context.getSrcName().toString(),
                    Optional.ofNullable(answer).map(a -> Base64.getEncoder().encodeToString(a))));
        } catch (GSSException refused) {
            return Optional.empty();
        } finally {
            dispose(context);
        }
    }

    /**
     * The names a principal of the service's own realm may have in the directory, most specific
     * first: the whole principal in lower case ({@code alice@contoso.example}, which LDAP's user
     * filter matches with Active Directory's userPrincipalName) and its user part ({@code alice}).
     * None for a principal of another realm, which this service does not trust, or of a service.
     */
    public List<String> logins(String principal) {
        int at = principal.lastIndexOf('@');
        if (at <= 0 || !principal.substring(at + 1).equals(realm) || principal.indexOf('/') >= 0) {
            return List.of();
        }
        return List.of(principal.toLowerCase(Locale.ROOT), principal.substring(0, at).toLowerCase(Locale.ROOT));
    }

    private static void dispose(GSSContext context) {
        if (context != null) {
            try {
                context.dispose();
            } catch (GSSException ignored) {
                // nothing held that outlives the context
            }
        }
    }

    private static Oid oid(String oid) {
        try {
            return new Oid(oid);
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}
