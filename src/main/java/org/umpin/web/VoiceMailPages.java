package org.umpin.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.PinEvent;
import org.umpin.http.BasicAuthentication;
import org.umpin.http.RequestClient;
import org.umpin.http.RequestStart;
import org.umpin.http.TrustedProxies;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinRules;
import org.umpin.pin.PinStore;
import org.umpin.pin.TooManyResetsException;
import org.umpin.steps.StepProperties;
import org.umpin.store.StoreException;
import org.umpin.throttle.LoginCheck;
import org.umpin.voicemail.VoiceMailSetting;
import org.umpin.voicemail.VoiceMailSettings;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * The self-service page at {@code /voicemail/}, as Outlook Web App's voice mail options were:
 * sign in with the directory's password (the same failed-login bounds and plain-HTTP rule as
 * SOAP), see the PIN's state, and press Reset PIN, which runs {@code direct:page-reset-pin}
 * ({@code routes/web.camel.yaml}: ResetPIN's checks, limit and {@code direct:new-pin}). The page
 * never shows a PIN. Every change needs the session's form token and a same-origin request;
 * every answer forbids caching, framing and any resource from elsewhere. Every request of a
 * session reads its account from the directory again: a session whose account was disabled,
 * whose password changed or which lost the administrator role it signed in with ends
 * ({@link #signedIn}). What a page says after an action comes from the session
 * ({@link PageNotice}), never from the address.
 */
@Path("/")
public final class VoiceMailPages {

    static final String COOKIE = "umpin-session";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(VoiceMailPages.class);

    private final WebSessions sessions;
    private final LoginCheck logins;
    private final Directory directory;
    private final PinStore pins;
    private final PinPolicies policies;
    private final VoiceMailSettingsStore voiceMailSettings;
    private final ProducerTemplate routes;
    private final Consumer<PinEvent> audit;
    private final boolean allowPlainHttp;
    private final Clock clock;
    private final Predicate<Mailbox> administrators;

    public VoiceMailPages(WebSessions sessions, LoginCheck logins, Directory directory, Predicate<Mailbox> administrators,
                          PinStore pins, PinPolicies policies, VoiceMailSettingsStore voiceMailSettings, ProducerTemplate routes,
                          Consumer<PinEvent> audit, boolean allowPlainHttp, Clock clock) {
        this.sessions = sessions;
        this.logins = logins;
        this.directory = directory;
        this.administrators = administrators;
        this.pins = pins;
        this.policies = policies;
        this.voiceMailSettings = voiceMailSettings;
        this.routes = routes;
        this.audit = audit;
        this.allowPlainHttp = allowPlainHttp;
        this.clock = clock;
    }

    @GET
    public Response page(@CookieParam(COOKIE) String id, @HeaderParam("Accept-Language") String languages, @Context UriInfo uri) {
        Optional<Response> slashed = withSlash(uri);
        if (slashed.isPresent()) {
            return slashed.get();
        }
        Optional<SignedIn> signedIn = signedIn(id);
        if (signedIn.isEmpty()) {
            PageText text = PageText.of(languages);
            String notice = id != null ? text.html("signIn.expired", sessions.limits().idle().toMinutes()) : "";
            return html(200, signIn(text, notice, ""));
        }
        Mailbox mailbox = signedIn.get().mailbox();
        PageText text = PageText.of(mailbox.language());
        String message = signedIn.get().session().takeNotice(PageNotice.Page.VOICE_MAIL)
                .map(notice -> notice(text, notice, policies.named(mailbox.pinPolicy()).minPinLength())).orElse("");
        return html(200, mailboxPage(text, signedIn.get().session(), mailbox, message));
    }

    /** A notice as the page shows it; a refused PIN's rules in the order the page explains them. */
    static String notice(PageText text, PageNotice notice, int minPinLength) {
        return switch (notice.kind()) {
            case DONE -> "<p class=\"notice\" role=\"status\">" + text.html(notice.key(), notice.values().toArray()) + "</p>";
            case FAILED -> "<p class=\"error\" role=\"alert\">" + text.html(notice.key(), notice.values().toArray()) + "</p>";
            case REFUSED_PIN -> {
                StringBuilder broken = new StringBuilder();
                for (PinRules.Refusal rule : PinRules.Refusal.values()) {
                    if (notice.values().contains(rule.word())) {
                        broken.append("<li>").append(text.html("rule." + rule.word(), minPinLength)).append("</li>");
                    }
                }
                yield "<div class=\"error\" role=\"alert\" id=\"pin-refused\"><p>" + text.html(notice.key()) + "</p><ul>"
                        + broken + "</ul></div>";
            }
        };
    }

    @POST
    @Path("sign-in")
    public Response signIn(@FormParam("login") String login, @FormParam("password") String password,
                           @HeaderParam("Accept-Language") String languages, @HeaderParam("Origin") String origin,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        PageText text = PageText.of(languages);
        TrustedProxies.Client client = RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
        if (!sameOrigin(origin, host, client)) {
            return html(403, signIn(text, "", text.html("form.expired")));
        }
        if (!allowPlainHttp && !client.sendsCredentialsSafely()) {
            LOG.warn("A page sign-in from {} over plain HTTP was refused: credentials are accepted only over HTTPS", client.address());
            return html(403, signIn(text, "", text.html("signIn.needsHttps")));
        }
        String name = login == null ? "" : login.strip();
        LoginCheck.Outcome outcome;
        try {
            outcome = name.isEmpty() ? new LoginCheck.Failed("") : logins.check(name, password == null ? "" : password, client.address());
        } catch (StoreException e) {
            LOG.warn("A page sign-in could not be checked: {}", e.getMessage());
            return html(503, signIn(text, "", text.html("signIn.unavailable")));
        }
        if (outcome instanceof LoginCheck.Throttled throttled) {
            record("login", BasicAuthentication.printable(name), throttled.user(), client, "login_refused", Optional.of("page"),
                    correlationId(), clock.instant());
            return Response.fromResponse(html(429, signIn(text, "", text.html("signIn.throttled", throttled.retryAfterHeader()))))
                    .header("Retry-After", throttled.retryAfterHeader()).build();
        }
        Optional<Mailbox> mailbox = outcome instanceof LoginCheck.Accepted accepted ? accepted.mailbox() : Optional.empty();
        if (mailbox.isEmpty()) {
            String user = outcome instanceof LoginCheck.Failed f ? f.user() : name;
            LOG.warn("A page sign-in failed for {} from {}", user, client.address());
            record("login", BasicAuthentication.printable(name), user, client, "login_failed", Optional.of("page"),
                    correlationId(), clock.instant());
            return html(401, signIn(text, "", text.html("signIn.failed")));
        }
        String credentialVersion = ((LoginCheck.Accepted) outcome).credentialVersion();
        WebSessions.Session session = sessions.start(mailbox.get().login(), credentialVersion, administrators.test(mailbox.get()));
        return redirect(home(uri)).header("Set-Cookie", cookie(session.id(), home(uri), client, false)).build();
    }

    /**
     * Ends the session, as every change: with its form token, from the page's own origin;
     * anything else is refused and ends nothing, the cookie left as it is. Without a live
     * session there is nothing to protect, and the stale cookie is cleared.
     */
    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(COOKIE) String id, @FormParam("token") String token,
                            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
                            @HeaderParam("Accept-Language") String languages, @Context UriInfo uri) {
        TrustedProxies.Client client = RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
        SignedInChange change = signedInChange(id, token, origin, host, uri);
        if (change.session() == null && change.refusal().getStatus() == 403) {
            return change.refusal();
        }
        if (change.session() == null && !sameOrigin(origin, host, client)) {
            PageText text = PageText.of(languages);
            return html(403, signIn(text, "", text.html("form.expired")));
        }
        if (change.session() != null) {
            sessions.end(change.session().id());
        }
        return redirect(home(uri)).header("Set-Cookie", cookie("", home(uri), client, true)).build();
    }

    @POST
    @Path("reset")
    public Response reset(@CookieParam(COOKIE) String id, @FormParam("token") String token,
                          @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, @Context UriInfo uri) {
        SignedInChange change = signedInChange(id, token, origin, host, uri);
        if (change.refusal() != null) {
            return change.refusal();
        }
        Mailbox mailbox = change.mailbox();
        WebSessions.Session session = change.session();
        TrustedProxies.Client client = RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
        String reference = correlationId();
        Instant started = clock.instant();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        routes.send("direct:page-reset-pin", exchange);
        Exception failure = exchange.getException();
        if (failure == null) {
            record("pin-reset", mailbox.login(), mailbox.login(), client, "success", Optional.of("page"), reference, started);
            session.tell(PageNotice.done(PageNotice.Page.VOICE_MAIL, "reset.done", mailbox.smtpAddress().orElse("")));
            return redirect(home(uri)).build();
        }
        String words = failure instanceof UserNotUmEnabledException ? "reset.notEnabled"
                : failure instanceof TooManyResetsException ? "reset.tooMany" : "reset.failed";
        LOG.warn("A page reset of {} failed ({}): {}", mailbox.login(), reference, failure.toString());
        record("pin-reset", mailbox.login(), mailbox.login(), client, "failed",
                Optional.of(failure.getClass().getSimpleName()), reference, started);
        session.tell(PageNotice.failed(PageNotice.Page.VOICE_MAIL, words, reference));
        return redirect(home(uri)).build();
    }

    /**
     * A PIN of the user's own: {@code direct:page-change-pin} (routes/web.camel.yaml), the
     * telephony API's rules; the route audits it as {@code pin-change}. The PINs go no further
     * than the route: the answer names only the rules the new one breaks.
     */
    @POST
    @Path("pin")
    public Response choosePin(@CookieParam(COOKIE) String id, @FormParam("token") String token,
                              @FormParam("current") String current, @FormParam("new") String newPin,
                              @FormParam("repeat") String repeat, @HeaderParam("Origin") String origin,
                              @HeaderParam("Host") String host, @Context UriInfo uri) {
        SignedInChange change = signedInChange(id, token, origin, host, uri);
        if (change.refusal() != null) {
            return change.refusal();
        }
        String home = home(uri);
        WebSessions.Session session = change.session();
        if (newPin == null || !newPin.equals(repeat)) {
            return told(session, PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.mismatch"), home);
        }
        String reference = correlationId();
        String currentPin = current == null ? "" : current.strip();
        if (!PinRules.isWellFormed(currentPin)) {
            return told(session, PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.badCurrent"), home);
        }
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        StepProperties.pinChangeBy(exchange, change.mailbox(), RequestClient.of(PhaseInterceptorChain.getCurrentMessage()).address(),
                reference, currentPin, newPin.strip());
        routes.send("direct:page-change-pin", exchange);
        // page-problems (routes/web.camel.yaml) handled it: audited, logged and counted already
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, exchange.getException(), Exception.class);
        if (failure == null) {
            return told(session, PageNotice.done(PageNotice.Page.VOICE_MAIL, "choose.done"), home);
        }
        if (failure instanceof PinChangeRefused.Refused refused) {
            return told(session, new PageNotice(PageNotice.Page.VOICE_MAIL, PageNotice.Kind.REFUSED_PIN, "choose.refused",
                    refused.words()), home);
        }
        if (failure instanceof PinChangeRefused.WrongPin wrong) {
            return told(session, PageNotice.failed(PageNotice.Page.VOICE_MAIL, wrong.pinReset() ? "choose.wrongPinReset" : "choose.wrongPin"), home);
        }
        if (failure instanceof PinChangeRefused.LockedOut) {
            return told(session, PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.locked"), home);
        }
        // anything else: its own audit row and log line say the rest
        return told(session, PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.failed", reference), home);
    }

    /** Back to {@code page}, which says {@code notice} once. */
    static Response told(WebSessions.Session session, PageNotice notice, String page) {
        session.tell(notice);
        return redirect(page).build();
    }

    /**
     * The settings GetUMProperties shows, as the SOAP Set operations change them
     * ({@code direct:page-change-setting}): each that differs from the stored one, once all are
     * known to be valid; each change audited with its values, as a Set operation's.
     */
    @POST
    @Path("settings")
    public Response saveSettings(@CookieParam(COOKIE) String id, @FormParam("token") String token,
                                 @FormParam("oof") String oof, @FormParam("missed") String missed,
                                 @FormParam("dial") String dial, @HeaderParam("Origin") String origin,
                                 @HeaderParam("Host") String host, @Context UriInfo uri) {
        SignedInChange change = signedInChange(id, token, origin, host, uri);
        if (change.refusal() != null) {
            return change.refusal();
        }
        Mailbox mailbox = change.mailbox();
        Map<VoiceMailSetting, String> wanted = new EnumMap<>(VoiceMailSetting.class);
        wanted.put(VoiceMailSetting.OOF_STATUS, Boolean.toString(oof != null));
        wanted.put(VoiceMailSetting.MISSED_CALL_NOTIFICATION_ENABLED, Boolean.toString(missed != null));
        try {
            wanted.put(VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING,
                    VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING.normalize(dial == null ? "" : dial));
        } catch (IllegalArgumentException notDialable) {
            return told(change.session(), PageNotice.failed(PageNotice.Page.VOICE_MAIL, "settings.badDial"), home(uri));
        }
        VoiceMailSettings stored = voiceMailSettings.of(mailbox.id());
        TrustedProxies.Client client = RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
        for (Map.Entry<VoiceMailSetting, String> setting : wanted.entrySet()) {
            String before = stored.value(setting.getKey());
            if (before.equals(setting.getValue())) {
                continue;
            }
            String reference = correlationId();
            Instant started = clock.instant();
            Exchange exchange = new DefaultExchange(routes.getCamelContext());
            exchange.setProperty(StepProperties.MAILBOX, mailbox);
            exchange.setProperty(StepProperties.SETTING, setting.getKey().protocolName());
            exchange.setProperty(StepProperties.VALUE, setting.getValue());
            routes.send("direct:page-change-setting", exchange);
            String action = "Set" + setting.getKey().protocolName();
            if (exchange.getException() != null) {
                LOG.warn("A page's {} for {} failed ({}): {}", action, mailbox.login(), reference, exchange.getException().toString());
                record(action, mailbox.login(), mailbox.login(), client, "failed", Optional.of("page"), reference, started,
                        Optional.empty());
                return told(change.session(), PageNotice.failed(PageNotice.Page.VOICE_MAIL, "settings.failed", reference), home(uri));
            }
            record(action, mailbox.login(), mailbox.login(), client, "success", Optional.of("page"), reference, started,
                    Optional.of(new PinEvent.ValueChange(before, setting.getValue())));
        }
        return told(change.session(), PageNotice.done(PageNotice.Page.VOICE_MAIL, "settings.done"), home(uri));
    }

    /** A browser's live session and its mailbox as the directory has it now. */
    record SignedIn(WebSessions.Session session, Mailbox mailbox) {
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

    /**
     * The session and mailbox of a change, or its refusal: no session (back to sign-in), no form
     * token or another origin's request (403).
     */
    record SignedInChange(WebSessions.Session session, Mailbox mailbox, Response refusal) {
    }

    SignedInChange signedInChange(String id, String token, String origin, String host, UriInfo uri) {
        Optional<SignedIn> signedIn = signedIn(id);
        if (signedIn.isEmpty()) {
            return new SignedInChange(null, null, redirect(home(uri)).build());
        }
        Mailbox mailbox = signedIn.get().mailbox();
        if (!signedIn.get().session().acceptsForm(token)
                || !sameOrigin(origin, host, RequestClient.of(PhaseInterceptorChain.getCurrentMessage()))) {
            PageText text = PageText.of(mailbox.language());
            return new SignedInChange(null, null, html(403, mailboxPage(text, signedIn.get().session(), mailbox,
                    "<p class=\"error\" role=\"alert\">" + text.html("form.expired") + "</p>")));
        }
        return new SignedInChange(signedIn.get().session(), mailbox, null);
    }

    @GET
    @Path("style.css")
    public Response style() throws IOException {
        return resource("style.css", "text/css; charset=utf-8");
    }

    /** The page's icon: without one a browser asks for /favicon.ico and logs a 404 on every page. */
    @GET
    @Path("icon.svg")
    public Response icon() throws IOException {
        return resource("icon.svg", "image/svg+xml");
    }

    private static Response resource(String name, String type) throws IOException {
        try (InputStream in = VoiceMailPages.class.getClassLoader().getResourceAsStream("umpin/web/" + name)) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
    }

    /** This request's correlation id, made where every door's requests start ({@link RequestStart}). */
    static String correlationId() {
        return RequestStart.correlationId(PhaseInterceptorChain.getCurrentMessage().getExchange());
    }

    void record(String action, String caller, String mailbox, TrustedProxies.Client client, String outcome,
                Optional<String> detail, String reference, Instant started) {
        record(action, caller, mailbox, client, outcome, detail, reference, started, Optional.empty());
    }

    void record(String action, String caller, String mailbox, TrustedProxies.Client client, String outcome,
                Optional<String> detail, String reference, Instant started, Optional<PinEvent.ValueChange> change) {
        try {
            audit.accept(new PinEvent(started, action, caller, mailbox, Optional.ofNullable(client.address()), outcome, detail,
                    reference, Duration.between(started, clock.instant()), change));
        } catch (RuntimeException e) {
            LOG.error("A page's {} of {} could not be audited: {}", action, mailbox, e.toString());
        }
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

    /**
     * A 303 to a path on the request's own host: an absolute Location would name the server's
     * configured host (localhost for 0.0.0.0), another origin to a browser that came by address,
     * which loses the cookie and breaks the form-action policy.
     */
    static Response.ResponseBuilder redirect(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path).header("Cache-Control", "no-store");
    }

    /**
     * A page's address without its final slash, answered with the same address and query with it:
     * the forms' relative actions and the style's path need the folder.
     */
    static Optional<Response> withSlash(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        if (path.endsWith("/")) {
            return Optional.empty();
        }
        String query = uri.getRequestUri().getRawQuery();
        return Optional.of(redirect(path + "/" + (query == null ? "" : "?" + query)).build());
    }

    /** The header's sign-out button; {@code root} leads from the page's folder to {@code /voicemail/}. */
    static String signOutForm(PageText text, String token, String root) {
        return """
                <form method="post" action="%ssign-out"><input type="hidden" name="token" value="%s"><button type="submit">%s</button></form>"""
                .formatted(root, token, text.html("signOut"));
    }

    /** The page's own path, {@code /voicemail/} on umpin's server. */
    static String home(UriInfo uri) {
        String base = uri.getBaseUri().getRawPath();
        return base.endsWith("/") ? base : base + "/";
    }

    static Response html(int status, String page) {
        return Response.status(status).type("text/html; charset=utf-8").entity(page)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin") // with no-referrer, a browser sends its form posts with Origin: null
                .build();
    }

    static String document(PageText text, String header, String body) {
        return document(text, "", header, body);
    }

    /** A whole page; {@code root} leads from the page's folder to {@code /voicemail/}, where the style and the icon are. */
    static String document(PageText text, String root, String header, String body) {
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="%sstyle.css">
                <link rel="icon" href="%sicon.svg" type="image/svg+xml">
                </head>
                <body>
                <a class="skip" href="#main">%s</a>
                <header><h1>%s</h1>%s</header>
                <main id="main">
                %s
                </main>
                </body>
                </html>
                """.formatted(text.language(), text.html("page.title"), root, root, text.html("skip"), text.html("page.title"),
                header, body);
    }

    private static String signIn(PageText text, String notice, String error) {
        return document(text, "", """
                <h2>%s</h2>
                %s%s
                <form method="post" action="sign-in">
                <p>%s</p>
                <label for="login">%s</label>
                <input id="login" name="login" autocomplete="username" required autofocus>
                <label for="password">%s</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">%s</button>
                </form>
                """.formatted(text.html("signIn.heading"),
                notice.isEmpty() ? "" : "<p class=\"notice\" role=\"status\">" + notice + "</p>\n",
                error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">" + error + "</p>\n",
                text.html("signIn.intro"), text.html("signIn.login"), text.html("signIn.password"), text.html("signIn.submit")));
    }

    private String mailboxPage(PageText text, WebSessions.Session session, Mailbox mailbox, String message) {
        String token = PageText.escape(session.formToken());
        String signOut = signOutForm(text, token, "");
        Optional<PinStore.PinState> pin = pins.current(mailbox.id());
        Instant now = clock.instant();
        String state;
        if (pin.isEmpty()) {
            state = "<p>" + text.html("state.noPin") + "</p>";
        } else {
            PinStore.PinState p = pin.get();
            state = """
                    <dl>
                    <dt>%s</dt><dd id="pin-state">%s</dd>
                    <dt>%s</dt><dd id="pin-expires">%s</dd>
                    <dt>%s</dt><dd id="pin-lockout">%s</dd>
                    <dt>%s</dt><dd id="pin-set">%s</dd>
                    </dl>""".formatted(
                    text.html("state.pin"), text.html(p.pinExpired(now) ? "state.expired" : "state.valid"),
                    text.html("state.expires"), p.expiresAt().map(text::time).orElse(text.html("state.neverExpires")),
                    text.html("state.lockout"), text.html(p.lockedOut() ? "state.locked" : "state.notLocked"),
                    text.html("state.setAt"), text.time(p.setAt()));
        }
        return document(text, signOut, """
                <h2 id="mailbox">%s</h2>
                %s
                <section aria-labelledby="state-heading">
                <h2 id="state-heading">%s</h2>
                %s
                </section>
                <section aria-labelledby="reset-heading">
                <h2 id="reset-heading">%s</h2>
                <p>%s</p>
                <form method="post" action="reset"><input type="hidden" name="token" value="%s"><button type="submit" id="reset">%s</button></form>
                </section>
                %s""".formatted(text.html("mailbox.heading", mailbox.displayName()), message, text.html("state.heading"), state,
                text.html("reset.heading"), text.html("reset.explain", mailbox.smtpAddress().orElse("")), token,
                text.html("reset.submit"), (pin.isEmpty() ? "" : choose(text, token))
                + (mailbox.umEnabled() ? settings(text, token, voiceMailSettings.of(mailbox.id())) : "")));
    }

    /** The settings GetUMProperties shows, as they are stored now. */
    private static String settings(PageText text, String token, VoiceMailSettings now) {
        return """
                <section aria-labelledby="settings-heading">
                <h2 id="settings-heading">%s</h2>
                <form method="post" action="settings">
                <input type="hidden" name="token" value="%s">
                <p class="check"><input type="checkbox" id="oof" name="oof"%s> <label for="oof">%s</label></p>
                <p class="check"><input type="checkbox" id="missed" name="missed"%s> <label for="missed">%s</label></p>
                <label for="dial">%s</label>
                <input id="dial" name="dial" type="tel" maxlength="64" value="%s" aria-describedby="dial-hint">
                <p id="dial-hint" class="hint">%s</p>
                <button type="submit" id="save-settings">%s</button>
                </form>
                </section>
                """.formatted(text.html("settings.heading"), token, now.oofStatus() ? " checked" : "", text.html("settings.oof"),
                now.missedCallNotificationEnabled() ? " checked" : "", text.html("settings.missed"), text.html("settings.dial"),
                PageText.escape(now.playOnPhoneDialString()), text.html("settings.dialHint"), text.html("settings.submit"));
    }

    /** The form of a PIN of the user's own: digits typed unseen, never filled in again by the page. */
    private static String choose(PageText text, String token) {
        return """
                <section aria-labelledby="choose-heading">
                <h2 id="choose-heading">%s</h2>
                <p>%s</p>
                <form method="post" action="pin" autocomplete="off">
                <input type="hidden" name="token" value="%s">
                <label for="current">%s</label>
                <input id="current" name="current" type="password" inputmode="numeric" autocomplete="off" required>
                <label for="new">%s</label>
                <input id="new" name="new" type="password" inputmode="numeric" autocomplete="new-password" required>
                <label for="repeat">%s</label>
                <input id="repeat" name="repeat" type="password" inputmode="numeric" autocomplete="new-password" required>
                <button type="submit" id="choose">%s</button>
                </form>
                </section>
                """.formatted(text.html("choose.heading"), text.html("choose.explain"), token, text.html("choose.current"),
                text.html("choose.new"), text.html("choose.repeat"), text.html("choose.submit"));
    }
}
