package org.umpin.http;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;

/**
 * HTTP authentication against the directory, before any SOAP processing, as the hosting web
 * server does for Exchange: HTTP Basic, and HTTP Negotiate with Kerberos
 * ({@link KerberosAcceptor}), as {@code umpin.auth.schemes} offers them. No credentials, a
 * wrong password, a refused ticket or a disabled account get HTTP 401 with one
 * {@code WWW-Authenticate} per scheme and an empty body. {@code GET} (the WSDL) is public. A
 * user or client address that failed too often lately gets HTTP 429 with {@code Retry-After},
 * unchecked. Over plain HTTP, only a loopback client may send credentials, unless
 * {@code allowPlainHttp}: elsewhere they would cross the network in clear (a ticket too can be
 * replayed elsewhere within its lifetime).
 */
public final class HttpAuthentication extends AbstractPhaseInterceptor<Message> {

    /** A way to sign in over HTTP, as {@code umpin.auth.schemes} names it. */
    public enum Scheme {
        NEGOTIATE, BASIC;

        /** {@code negotiate,basic}: the schemes in the order the 401 offers them; at least one, each once. */
        public static List<Scheme> parse(String key, String setting) {
            List<Scheme> schemes = new ArrayList<>();
            for (String word : setting.split("\\s*,\\s*")) {
                Scheme scheme;
                try {
                    scheme = valueOf(word.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    scheme = null;
                }
                if (scheme == null || schemes.contains(scheme)) {
                    throw new IllegalArgumentException("setting " + key + " must be basic, negotiate or both "
                            + "(negotiate,basic), each once, got \"" + setting + "\"");
                }
                schemes.add(scheme);
            }
            return List.copyOf(schemes);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthentication.class);
    private static final String NEGOTIATE = "Negotiate";

    private final LoginCheck logins;
    private final String basicChallenge;
    private final List<Scheme> schemes;
    private final Optional<KerberosAcceptor> kerberos;
    private final LoginFailures failures;
    private final boolean allowPlainHttp;
    /** The requests that need no login: for SOAP, a GET (the WSDL). */
    private final Predicate<Message> isPublic;
    /** Answers a request whose login could not be checked because the store failed: for SOAP, a:ErrorInternalServerError. */
    private final BiConsumer<Message, StoreException> storeFailed;

    /**
     * {@code failures} records each failed login in the audit trail and the log; a GET (the
     * WSDL) is public; {@code storeFailed} answers, in the door's own form, a login the store
     * failed to check. {@code kerberos} is needed when {@code schemes} holds Negotiate.
     */
    public HttpAuthentication(Directory directory, String realm, List<Scheme> schemes, Optional<KerberosAcceptor> kerberos,
                              FailedLogins failedLogins, VerifiedLogins verified, LoginFailures failures,
                              boolean allowPlainHttp, BiConsumer<Message, StoreException> storeFailed) {
        this(LoginCheck.of(directory, failedLogins, verified), "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"",
                schemes, kerberos, failures, allowPlainHttp, message -> "GET".equals(message.get(Message.HTTP_REQUEST_METHOD)),
                storeFailed);
    }

    private HttpAuthentication(LoginCheck logins, String basicChallenge, List<Scheme> schemes, Optional<KerberosAcceptor> kerberos,
                               LoginFailures failures, boolean allowPlainHttp, Predicate<Message> isPublic,
                               BiConsumer<Message, StoreException> storeFailed) {
        super(Phase.RECEIVE);
        if (schemes.contains(Scheme.NEGOTIATE) && kerberos.isEmpty()) {
            throw new IllegalArgumentException("Negotiate needs the service's Kerberos key: set umpin.kerberos.keytab and "
                    + "umpin.kerberos.principal");
        }
        this.logins = logins;
        this.basicChallenge = basicChallenge;
        this.schemes = List.copyOf(schemes);
        this.kerberos = kerberos;
        this.failures = failures;
        this.allowPlainHttp = allowPlainHttp;
        this.isPublic = isPublic;
        this.storeFailed = storeFailed;
    }

    /**
     * The same authentication for another door: its public requests are {@code isPublic}, and
     * {@code storeFailed} answers, in the door's own form, a login the store failed to check.
     */
    public HttpAuthentication forDoor(Predicate<Message> isPublic, BiConsumer<Message, StoreException> storeFailed) {
        return new HttpAuthentication(logins, basicChallenge, schemes, kerberos, failures, allowPlainHttp, isPublic, storeFailed);
    }

    /** The same authentication with other schemes offered (the telephony API's own setting). */
    public HttpAuthentication withSchemes(List<Scheme> offered) {
        return new HttpAuthentication(logins, basicChallenge, offered, kerberos, failures, allowPlainHttp, isPublic, storeFailed);
    }

    /** The service's Kerberos acceptor when this door offers Negotiate, for a door of its own making (the pages). */
    public Optional<KerberosAcceptor> negotiator() {
        return schemes.contains(Scheme.NEGOTIATE) ? kerberos : Optional.empty();
    }

    /** The 401's {@code WWW-Authenticate} values, one per scheme, in order. */
    public String[] challenges() {
        return schemes.stream().map(s -> s == Scheme.BASIC ? basicChallenge : NEGOTIATE).toArray(String[]::new);
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
        Optional<String> ticket = negotiateToken(authorization(message));
        AuthorizationPolicy credentials = message.get(AuthorizationPolicy.class);
        try {
            if (ticket.isPresent() && schemes.contains(Scheme.NEGOTIATE)) {
                Optional<Vouched> vouched = negotiate(message, ticket.get(), address);
                signedIn(message, vouched.map(Vouched::mailbox), vouched.map(Vouched::caller).orElse(""));
            } else if (schemes.contains(Scheme.BASIC) && credentials != null && credentials.getUserName() != null) {
                signedIn(message, basic(message, credentials, address), credentials.getUserName());
            } else {
                HttpRefusal.challenge(message, challenges()); // the first leg of most clients' handshake, not a failure
            }
        } catch (StoreException e) {
            storeFailed.accept(message, e);
        }
    }

    /** A caller Kerberos vouched for: its mailbox, and {@code kerberos:} with its principal. */
    public record Vouched(Mailbox mailbox, String caller) {
    }

    /**
     * The caller Kerberos vouched for, through {@link LoginCheck#vouched} and the directory; empty
     * when the ticket was refused (a failed login) or the caller is throttled (answered here).
     */
    public Optional<Vouched> negotiate(Message message, String token, String address) {
        KerberosAcceptor.Caller caller = kerberos.orElseThrow().caller(token);
        LoginCheck.Outcome outcome = logins.vouched(caller.names(), address);
        if (!(outcome instanceof LoginCheck.Accepted signedIn)) {
            refused(message, caller.shown(), outcome);
            return Optional.empty();
        }
        caller.answer().ifPresent(answer -> {
            HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
            if (response != null) {
                response.setHeader("WWW-Authenticate", NEGOTIATE + " " + answer); // mutual authentication
            }
        });
        return signedIn.mailbox().map(mailbox -> new Vouched(mailbox, caller.shown()));
    }

    private Optional<Mailbox> basic(Message message, AuthorizationPolicy credentials, String address) {
        String login = credentials.getUserName();
        LoginCheck.Outcome outcome = logins.check(login, credentials.getPassword(), address);
        if (!(outcome instanceof LoginCheck.Accepted signedIn)) {
            refused(message, login, outcome);
            return Optional.empty();
        }
        return signedIn.mailbox();
    }

    /** A failed or throttled login: its audit row and log line, and the 401 or 429. */
    private void refused(Message message, String login, LoginCheck.Outcome outcome) {
        if (outcome instanceof LoginCheck.Throttled throttled) {
            failures.failedLogin(message, printable(login), throttled.user(), LoginFailures.Outcome.LOGIN_REFUSED);
            HttpRefusal.tooManyRequests(message, throttled);
        } else if (outcome instanceof LoginCheck.Failed failed) {
            failures.failedLogin(message, printable(login), failed.user(), LoginFailures.Outcome.LOGIN_FAILED);
            HttpRefusal.challenge(message, challenges());
        }
    }

    private static void signedIn(Message message, Optional<Mailbox> caller, String as) {
        if (caller.isEmpty()) {
            return;
        }
        Principal principal = new MailboxPrincipal(caller.get(), as);
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

    /** The request's {@code Authorization} header, as sent. */
    private static Optional<String> authorization(Message message) {
        if (message.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> header : headers.entrySet()) {
                if ("Authorization".equalsIgnoreCase(String.valueOf(header.getKey())) && header.getValue() instanceof List<?> values
                        && !values.isEmpty()) {
                    return Optional.of(String.valueOf(values.get(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** The token of an {@code Authorization: Negotiate <token>} header, the scheme in any case. */
    public static Optional<String> negotiateToken(Optional<String> authorization) {
        return authorization.filter(value -> value.regionMatches(true, 0, NEGOTIATE + " ", 0, NEGOTIATE.length() + 1))
                .map(value -> value.substring(NEGOTIATE.length() + 1).strip()).filter(token -> !token.isEmpty());
    }

    /** A name as a caller typed it, for the log and the audit: no control characters (a forged log line), not too long. */
    public static String printable(String login) {
        String name = login.replaceAll("\\p{Cntrl}", "?");
        return name.length() > 320 ? name.substring(0, 320) : name;
    }

    /**
     * The caller, with the mailbox just read for the login, so that identifyCaller need not read
     * it again, and how it signed in: {@code caller} is the name as typed for Basic, or
     * {@code kerberos:} and its principal for Negotiate.
     */
    public record MailboxPrincipal(Mailbox mailbox, String caller) implements Principal {

        /** A caller who signed in under its mailbox's own login. */
        public MailboxPrincipal(Mailbox mailbox) {
            this(mailbox, mailbox.login());
        }

        @Override
        public String getName() {
            return mailbox.login();
        }
    }
}
