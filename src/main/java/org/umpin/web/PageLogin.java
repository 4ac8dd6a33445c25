package org.umpin.web;

import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.KerberosAcceptor;
import org.umpin.http.RequestClient;
import org.umpin.http.TrustedProxies;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.store.StoreException;
import org.umpin.throttle.LoginCheck;

/**
 * Who is signed in to the pages, in one place: the sign-in (the directory's password, the same
 * failed-login bounds and plain-HTTP rule as SOAP), the session and its cookie
 * ({@link WebSessions}), and what every change needs: the session's form token and a request
 * from the page's own origin. Every request of a session reads its account from the directory
 * again: a session whose account was disabled, whose password changed or which lost the
 * administrator role it signed in with ends ({@link #signedIn}).
 */
final class PageLogin {

    static final String COOKIE = "umpin-session";
    /**
     * Set by a sign-out, for the browser's session: its sign-in page then shows the form without
     * asking for the Kerberos ticket, which would sign the user straight back in.
     */
    static final String SIGNED_OUT = "umpin-signed-out";
    private static final Logger LOG = LoggerFactory.getLogger(PageLogin.class);

    private final WebSessions sessions;
    private final LoginCheck logins;
    /** Present when umpin.auth.schemes offers Negotiate: the sign-in page asks the browser for its Kerberos ticket. */
    private final Optional<KerberosAcceptor> kerberos;
    private final Directory directory;
    private final Predicate<Mailbox> administrators;
    private final PageAudit audit;
    private final boolean allowPlainHttp;
    private final Clock clock;

    PageLogin(WebSessions sessions, LoginCheck logins, Optional<KerberosAcceptor> kerberos, Directory directory,
              Predicate<Mailbox> administrators, PageAudit audit, boolean allowPlainHttp, Clock clock) {
        this.sessions = sessions;
        this.logins = logins;
        this.kerberos = kerberos;
        this.directory = directory;
        this.administrators = administrators;
        this.audit = audit;
        this.allowPlainHttp = allowPlainHttp;
        this.clock = clock;
    }

    /** A browser's live session and its mailbox as the directory has it now. */
    record SignedIn(WebSessions.Session session, Mailbox mailbox) {
    }

    /** Why a change is not made: nothing (go on), no session (back to sign-in), or no form token or another origin (403). */
    enum Refusal { NONE, SIGN_IN, FORM }

    /** A change's session and mailbox, or why it is refused. */
    record Change(SignedIn signedIn, Refusal refusal) {

        WebSessions.Session session() {
            return signedIn.session();
        }

        Mailbox mailbox() {
            return signedIn.mailbox();
        }
    }

    /** The form's sign-in: a 303 home with the session's cookie, or the sign-in page again saying why not. */
    Response signIn(String login, String password, String languages, String origin, String host, String home) {
        PageText text = PageText.of(languages);
        TrustedProxies.Client client = client();
        if (!sameOrigin(origin, host, client)) {
            return Pages.signIn(403, new Pages.SignInPage(text, null, text.words("form.expired")));
        }
        if (!allowPlainHttp && !client.sendsCredentialsSafely()) {
            LOG.warn("A page sign-in from {} over plain HTTP was refused: credentials are accepted only over HTTPS", client.address());
            return Pages.signIn(403, new Pages.SignInPage(text, null, text.words("signIn.needsHttps")));
        }
        String name = login == null ? "" : login.strip();
        LoginCheck.Outcome outcome;
        try {
            outcome = name.isEmpty() ? new LoginCheck.Failed("") : logins.check(name, password == null ? "" : password, client.address());
        } catch (StoreException e) {
            LOG.warn("A page sign-in could not be checked: {}", e.getMessage());
            return Pages.signIn(503, new Pages.SignInPage(text, null, text.words("signIn.unavailable")));
        }
        return session(outcome, name, text, client, home, "signIn.failed");
    }

    /**
     * Windows integrated sign-in: the Kerberos ticket a browser sent in answer to the sign-in
     * page's {@code WWW-Authenticate: Negotiate}, checked as the SOAP endpoint checks it, under
     * the same failed-login bounds; a 303 home with a new session, or the form saying why not.
     */
    Response negotiate(String token, String languages, String home) {
        PageText text = PageText.of(languages);
        TrustedProxies.Client client = client();
        if (kerberos.isEmpty()) {
            return signInPage(null, languages); // not offered: as if no ticket came
        }
        if (!allowPlainHttp && !client.sendsCredentialsSafely()) {
            LOG.warn("A page sign-in from {} over plain HTTP was refused: credentials are accepted only over HTTPS", client.address());
            return Pages.signIn(403, new Pages.SignInPage(text, null, text.words("signIn.needsHttps")));
        }
        KerberosAcceptor.Caller caller = kerberos.get().caller(token);
        LoginCheck.Outcome outcome;
        try {
            outcome = logins.vouched(caller.names(), client.address());
        } catch (StoreException e) {
            LOG.warn("A page sign-in could not be checked: {}", e.getMessage());
            return Pages.signIn(503, new Pages.SignInPage(text, null, text.words("signIn.unavailable")));
        }
        return session(outcome, caller.shown(), text, client, home, "signIn.ticketRefused");
    }

    /** A sign-in's outcome: a session and a 303 home, or the form again with {@code failedKey}'s words, audited as {@code name}. */
    private Response session(LoginCheck.Outcome outcome, String name, PageText text, TrustedProxies.Client client, String home,
                             String failedKey) {
        if (outcome instanceof LoginCheck.Throttled throttled) {
            audit.record("login", HttpAuthentication.printable(name), throttled.user(), "login_refused", Optional.of("page"),
                    clock.instant());
            return Response.fromResponse(Pages.signIn(429, new Pages.SignInPage(text, null,
                    text.words("signIn.throttled", throttled.retryAfterHeader())))).header("Retry-After", throttled.retryAfterHeader()).build();
        }
        Optional<Mailbox> mailbox = outcome instanceof LoginCheck.Accepted accepted ? accepted.mailbox() : Optional.empty();
        if (mailbox.isEmpty()) {
            String user = outcome instanceof LoginCheck.Failed f ? f.user() : name;
            LOG.warn("A page sign-in failed for {} from {}", user, client.address());
            audit.record("login", HttpAuthentication.printable(name), user, "login_failed", Optional.of("page"), clock.instant());
            return Pages.signIn(401, new Pages.SignInPage(text, null, text.words(failedKey)));
        }
        String credentialVersion = ((LoginCheck.Accepted) outcome).credentialVersion();
        WebSessions.Session session = sessions.start(mailbox.get().login(), credentialVersion, administrators.test(mailbox.get()));
        return Pages.redirect(home).header("Set-Cookie", cookie(session.id(), home, client, false)).build();
    }

    /**
     * The sign-in page of a browser without a live session; a stale cookie is told its session
     * ended. With Negotiate offered it is a 401 that asks for the browser's Kerberos ticket, as
     * IIS asks: a browser that holds one answers at once and is signed in without the form; any
     * other shows the form, which is the 401's body.
     */
    Response signInPage(String id, String languages) {
        return signInPage(id, languages, false);
    }

    /** ... after a sign-out ({@code signedOut}): the form alone, without asking for a ticket. */
    Response signInPage(String id, String languages, boolean signedOut) {
        PageText text = PageText.of(languages);
        Pages.SignInPage page = new Pages.SignInPage(text,
                id != null ? text.words("signIn.expired", sessions.limits().idle().toMinutes()) : null, null);
        return kerberos.isEmpty() || signedOut ? Pages.signIn(200, page)
                : Response.fromResponse(Pages.signIn(401, page)).header("WWW-Authenticate", "Negotiate").build();
    }

    /** Ends the session, on the server and in the browser: the answer is a 303 home that clears the cookie. */
    Response signOut(Optional<WebSessions.Session> session, String home) {
        session.ifPresent(live -> sessions.end(live.id()));
        Response.ResponseBuilder redirect = Pages.redirect(home).header("Set-Cookie", cookie("", home, client(), true));
        if (kerberos.isPresent()) {
            redirect.header("Set-Cookie", SIGNED_OUT + "=1; Path=" + home + "; HttpOnly; SameSite=Strict"
                    + (client().secure() ? "; Secure" : ""));
        }
        return redirect.build();
    }

    /**
     * The session of cookie {@code id} and its mailbox, while the session lives and its account
     * still qualifies: read from the directory at this request (as a SOAP request's login is),
     * enabled, with the password it signed in with, and, for a session that signed in as an
     * administrator, still one. A session whose account no longer qualifies ends here.
     */
    Optional<SignedIn> signedIn(String id) {
        Optional<WebSessions.Session> found = sessions.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WebSessions.Session session = found.get();
        Optional<Directory.Account> account = directory.account(session.login());
        String ended = account.isEmpty() ? "its mailbox is no longer in the directory"
                : !account.get().mailbox().enabled() ? "its account was disabled"
                : !account.get().credentialVersion().equals(session.credentialVersion()) ? "its password changed"
                : session.administrator() && !administrators.test(account.get().mailbox()) ? "it lost the administrator role"
                : null;
        if (ended != null) {
            sessions.end(session.id());
            LOG.info("A page session of {} ended: {}", session.login(), ended);
            return Optional.empty();
        }
        return Optional.of(new SignedIn(session, account.get().mailbox()));
    }

    /** A change asked for by cookie {@code id} with form token {@code token}: its session, or why it is refused. */
    Change change(String id, String token, String origin, String host) {
        Optional<SignedIn> signedIn = signedIn(id);
        if (signedIn.isEmpty()) {
            return new Change(null, Refusal.SIGN_IN);
        }
        if (!signedIn.get().session().acceptsForm(token) || !sameOrigin(origin, host, client())) {
            return new Change(signedIn.get(), Refusal.FORM);
        }
        return new Change(signedIn.get(), Refusal.NONE);
    }

    /**
     * Whether a POST comes from the page's own origin: the scheme the client came over (to umpin,
     * or to a trusted proxy) and the host it asked for, a default port or not. Another origin's
     * page carries its own Origin, which is refused whatever the cookie says, as is {@code null}.
     */
    static boolean sameOrigin(String origin, String host, TrustedProxies.Client client) {
        if (origin == null) {
            return true; // not a browser's cross-origin form: browsers send Origin on every POST
        }
        String scheme = client.secure() ? "https" : "http";
        String prefix = scheme + "://";
        return host != null && origin.regionMatches(true, 0, prefix, 0, prefix.length())
                && withoutDefaultPort(origin.substring(prefix.length()), scheme).equalsIgnoreCase(withoutDefaultPort(host, scheme));
    }

    /** {@code host:443} for https, or {@code host:80} for http, is {@code host}, as a browser writes its Origin. */
    private static String withoutDefaultPort(String host, String scheme) {
        String port = scheme.equals("https") ? ":443" : ":80";
        return host.endsWith(port) ? host.substring(0, host.length() - port.length()) : host;
    }

    /**
     * The session's cookie, or with {@code clear} its removal: never readable by a script, never
     * sent by another site's page, over HTTPS only when it came so; a browser's session cookie,
     * which the server ends too.
     */
    private static String cookie(String value, String path, TrustedProxies.Client client, boolean clear) {
        return COOKIE + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict" + (client.secure() ? "; Secure" : "")
                + (clear ? "; Max-Age=0" : "");
    }

    /** Who sent this request: the TCP peer, or behind a trusted proxy the address it forwarded. */
    static TrustedProxies.Client client() {
        return RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
    }
}
