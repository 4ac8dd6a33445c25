package org.umpin.http;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;

/**
 * HTTP Basic authentication against the directory, before any SOAP processing, as the hosting
 * web server does for Exchange: no credentials, a wrong password or a disabled account get
 * HTTP 401 with {@code WWW-Authenticate: Basic} and an empty body. {@code GET} (the WSDL) is
 * public. A user or client address that failed too often lately gets HTTP 429 with
 * {@code Retry-After}, its password unchecked. Over plain HTTP, only a loopback client may
 * send credentials, unless {@code allowPlainHttp}: elsewhere they would cross the network in clear.
 */
public final class BasicAuthentication extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthentication.class);

    private final LoginCheck logins;
    private final String challenge;
    private final LoginFailures failures;
    private final boolean allowPlainHttp;
    /** The requests that need no login: for SOAP, a GET (the WSDL). */
    private final Predicate<Message> isPublic;
    /** Answers a request whose login could not be checked because the store failed: for SOAP, a:ErrorInternalServerError. */
    private final BiConsumer<Message, StoreException> storeFailed;

    /**
     * {@code failures} records each failed login in the audit trail and the log; a GET (the
     * WSDL) is public; {@code storeFailed} answers, in the door's own form, a login the store
     * failed to check.
     */
    public BasicAuthentication(Directory directory, String realm, FailedLogins failedLogins, VerifiedLogins verified,
                               LoginFailures failures, boolean allowPlainHttp, BiConsumer<Message, StoreException> storeFailed) {
        this(LoginCheck.of(directory, failedLogins, verified), "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"", failures,
                allowPlainHttp, message -> "GET".equals(message.get(Message.HTTP_REQUEST_METHOD)), storeFailed);
    }

    private BasicAuthentication(LoginCheck logins, String challenge, LoginFailures failures,
                                boolean allowPlainHttp, Predicate<Message> isPublic,
                                BiConsumer<Message, StoreException> storeFailed) {
        super(Phase.RECEIVE);
        this.logins = logins;
        this.challenge = challenge;
        this.failures = failures;
        this.allowPlainHttp = allowPlainHttp;
        this.isPublic = isPublic;
        this.storeFailed = storeFailed;
    }

    /**
     * The same authentication for another door: its public requests are {@code isPublic}, and
     * {@code storeFailed} answers, in the door's own form, a login the store failed to check.
     */
    public BasicAuthentication forDoor(Predicate<Message> isPublic, BiConsumer<Message, StoreException> storeFailed) {
        return new BasicAuthentication(logins, challenge, failures, allowPlainHttp, isPublic, storeFailed);
    }

    @Override
    public void handleMessage(Message message) {
        if (isPublic.test(message)) {
            return;
        }
        TrustedProxies.Client client = RequestClient.of(message);
        String address = client.address();
        if (!allowPlainHttp && address != null && !client.sendsCredentialsSafely()) {
            LOG.warn("A request from {} over plain HTTP was refused: credentials are accepted only over HTTPS", address);
            HttpRefusal.closing(message, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        AuthorizationPolicy credentials = message.get(AuthorizationPolicy.class);
        if (credentials == null || credentials.getUserName() == null) {
            HttpRefusal.challenge(message, challenge); // the first leg of most clients' handshake, not a failure
            return;
        }
        String login = credentials.getUserName();
        Mailbox caller;
        try {
            LoginCheck.Outcome outcome = logins.check(login, credentials.getPassword(), address);
            if (outcome instanceof LoginCheck.Throttled throttled) {
                failures.failedLogin(message, printable(login), throttled.user(), LoginFailures.Outcome.LOGIN_REFUSED);
                HttpRefusal.tooManyRequests(message, throttled);
                return;
            }
            if (outcome instanceof LoginCheck.Failed failed) {
                failures.failedLogin(message, printable(login), failed.user(), LoginFailures.Outcome.LOGIN_FAILED);
                HttpRefusal.challenge(message, challenge);
                return;
            }
            caller = ((LoginCheck.Accepted) outcome).mailbox().orElseThrow();
        } catch (StoreException e) {
            storeFailed.accept(message, e);
            return;
        }
        Principal principal = new MailboxPrincipal(caller);
        message.put(SecurityContext.class, new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }
        });
    }

    /** A name as a caller typed it, for the log and the audit: no control characters (a forged log line), not too long. */
    public static String printable(String login) {
        String name = login.replaceAll("\\p{Cntrl}", "?");
        return name.length() > 320 ? name.substring(0, 320) : name;
    }

    /** The caller, with the mailbox just read for the password check, so that identifyCaller need not read it again. */
    public record MailboxPrincipal(Mailbox mailbox) implements Principal {

        @Override
        public String getName() {
            return mailbox.login();
        }
    }
}
