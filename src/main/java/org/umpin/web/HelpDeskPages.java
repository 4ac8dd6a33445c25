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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.PinEvent;
import org.umpin.http.RequestClient;
import org.umpin.http.TrustedProxies;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.notify.NotifyAddress;
import org.umpin.pin.PinStore;
import org.umpin.steps.StepProperties;

/**
 * The help desk's page at {@code /voicemail/help-desk/}, for the administrator role
 * ({@code umpin.admin.*}): find a mailbox by login, address, display name or extension; see its
 * PIN's state and its last audit entries; unlock it and reset it, to its own address or another
 * (Set-UMMailboxPIN's NotifyEmail), through the routes {@code pin unlock} and {@code pin reset}
 * run too ({@code routes/administrator.camel.yaml}). Each
 * action is audited with the administrator's login. Signed in as for the user's page; the role is
 * the one the session signed in with, which it keeps only while the directory says so.
 */
@Path("help-desk")
public final class HelpDeskPages {

    private static final Logger LOG = LoggerFactory.getLogger(HelpDeskPages.class);
    private static final int FOUND_AT_MOST = 20;
    private static final int AUDIT_ROWS = 10;

    private final VoiceMailPages pages;
    private final Directory directory;
    private final PinStore pins;
    private final AuditTrail auditTrail;
    private final ProducerTemplate routes;
    private final Clock clock;

    public HelpDeskPages(VoiceMailPages pages, Directory directory, PinStore pins, AuditTrail auditTrail,
                         ProducerTemplate routes, Clock clock) {
        this.pages = pages;
        this.directory = directory;
        this.pins = pins;
        this.auditTrail = auditTrail;
        this.routes = routes;
        this.clock = clock;
    }

    @GET
    public Response page(@CookieParam(VoiceMailPages.COOKIE) String id, @QueryParam("q") String query,
                         @QueryParam("mailbox") String login, @Context UriInfo uri) {
        Optional<Response> slashed = VoiceMailPages.withSlash(uri);
        if (slashed.isPresent()) {
            return slashed.get();
        }
        Optional<VoiceMailPages.SignedIn> signedIn = pages.signedIn(id);
        if (signedIn.isEmpty()) {
            return VoiceMailPages.redirect(VoiceMailPages.home(uri)).build();
        }
        Mailbox admin = signedIn.get().mailbox();
        PageText text = PageText.of(admin.language());
        String token = PageText.escape(signedIn.get().session().formToken());
        if (!signedIn.get().session().administrator()) {
            return forbidden(text, token);
        }
        String signOut = VoiceMailPages.signOutForm(text, token, "../");
        StringBuilder body = new StringBuilder("<h2>" + text.html("desk.heading") + "</h2>");
        signedIn.get().session().takeNotice(PageNotice.Page.HELP_DESK).ifPresent(notice -> body.append(VoiceMailPages.notice(text, notice, 0)));
        body.append("""
                <form method="get" action="">
                <label for="q">%s</label>
                <input id="q" name="q" value="%s" required>
                <button type="submit" id="find">%s</button>
                </form>
                """.formatted(text.html("desk.find"), PageText.escape(query == null ? "" : query), text.html("desk.findSubmit")));
        if (query != null && !query.isBlank()) {
            List<Mailbox> found = directory.search(query, FOUND_AT_MOST);
            body.append("<section aria-labelledby=\"found-heading\"><h2 id=\"found-heading\">")
                    .append(text.html("desk.found", found.size())).append("</h2><ul id=\"found\">");
            for (Mailbox m : found) {
                body.append("<li><a href=\"?mailbox=").append(PageText.escape(encode(m.login()))).append("\">")
                        .append(PageText.escape(m.displayName())).append("</a> (").append(PageText.escape(m.login()))
                        .append(m.extension().isEmpty() ? "" : ", " + PageText.escape(m.extension()))
                        .append(m.smtpAddress().map(a -> ", " + PageText.escape(a)).orElse("")).append(")</li>");
            }
            body.append("</ul></section>");
        }
        Optional<Mailbox> chosen = login == null ? Optional.empty() : directory.find(login);
        chosen.ifPresent(mailbox -> body.append(mailbox(text, token, mailbox)));
        return VoiceMailPages.html(200, VoiceMailPages.document(text, "../", signOut, body.toString()));
    }

    /** The mailbox's PIN state (as {@code pin show}), its last audit entries, and the two actions. */
    private String mailbox(PageText text, String token, Mailbox mailbox) {
        Optional<PinStore.PinState> pin = pins.current(mailbox.id());
        Instant now = clock.instant();
        String state = pin.map(p -> """
                <dl>
                <dt>%s</dt><dd id="desk-pin">%s</dd>
                <dt>%s</dt><dd id="desk-lockout">%s</dd>
                <dt>%s</dt><dd>%d</dd>
                <dt>%s</dt><dd>%s</dd>
                <dt>%s</dt><dd>%s</dd>
                </dl>""".formatted(text.html("state.pin"), text.html(p.pinExpired(now) ? "state.expired" : "state.valid"),
                text.html("state.lockout"), text.html(p.lockedOut() ? "state.locked" : "state.notLocked"),
                text.html("desk.failedLogons"), p.failedLogons(),
                text.html("state.expires"), p.expiresAt().map(text::time).orElse(text.html("state.neverExpires")),
                text.html("state.setAt"), text.time(p.setAt()))).orElse("<p id=\"desk-pin\">" + text.html("desk.noPinYet") + "</p>");
        List<PinEvent> events = auditTrail.find(mailbox.login(), Instant.EPOCH);
        StringBuilder audit = new StringBuilder("<table id=\"desk-audit\"><thead><tr><th scope=\"col\">")
                .append(text.html("desk.when")).append("</th><th scope=\"col\">").append(text.html("desk.what"))
                .append("</th><th scope=\"col\">").append(text.html("desk.who")).append("</th><th scope=\"col\">")
                .append(text.html("desk.outcome")).append("</th></tr></thead><tbody>");
        for (int i = events.size() - 1; i >= Math.max(0, events.size() - AUDIT_ROWS); i--) {
            PinEvent event = events.get(i);
            audit.append("<tr><td>").append(text.time(event.time())).append("</td><td>").append(PageText.escape(event.action()))
                    .append("</td><td>").append(PageText.escape(event.caller())).append("</td><td>")
                    .append(PageText.escape(event.outcome() + event.detail().map(d -> " (" + d + ")").orElse(""))).append("</td></tr>");
        }
        audit.append("</tbody></table>");
        String login = PageText.escape(mailbox.login());
        return """
                <section aria-labelledby="desk-mailbox">
                <h2 id="desk-mailbox">%s</h2>
                %s
                <form method="post" action="unlock"><input type="hidden" name="token" value="%s"><input type="hidden" name="mailbox" value="%s">
                <button type="submit" id="unlock">%s</button></form>
                <form method="post" action="reset"><input type="hidden" name="token" value="%s"><input type="hidden" name="mailbox" value="%s">
                <label for="notify">%s</label>
                <input id="notify" name="notify" type="email" placeholder="%s">
                <button type="submit" id="desk-reset">%s</button></form>
                </section>
                <section aria-labelledby="audit-heading"><h2 id="audit-heading">%s</h2>%s</section>
                """.formatted(text.html("desk.mailbox", mailbox.displayName(), mailbox.login()), state, token, login,
                text.html("desk.unlock"), token, login, text.html("desk.notify"),
                PageText.escape(mailbox.smtpAddress().orElse("")), text.html("desk.reset"), text.html("desk.audit"), audit);
    }

    /** Set-UMMailboxPIN's -LockedOut $false: the lockout and the failed logons cleared, the PIN kept. */
    @POST
    @Path("unlock")
    public Response unlock(@CookieParam(VoiceMailPages.COOKIE) String id, @FormParam("token") String token,
                           @FormParam("mailbox") String login, @HeaderParam("Origin") String origin,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        Action action = action(id, token, login, origin, host, uri);
        if (action.refusal() != null) {
            return action.refusal();
        }
        Instant started = clock.instant();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, action.target());
        exchange.setProperty(StepProperties.ADMINISTRATOR, action.admin());
        routes.send("direct:unlock-pin", exchange);
        if (exchange.getException() != null) {
            String reference = VoiceMailPages.correlationId();
            LOG.warn("A help-desk unlock of {} by {} failed ({}): {}", action.target().login(), action.admin().login(), reference,
                    exchange.getException().toString());
            pages.record("unlock", action.admin().login(), action.target().login(), client(), "failed",
                    Optional.of("help-desk"), reference, started);
            return VoiceMailPages.told(action.session(), PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.failed"),
                    desk(uri) + "?mailbox=" + encode(action.target().login()));
        }
        boolean unlocked = exchange.getProperty(StepProperties.STATE_BEFORE) != null;
        pages.record("unlock", action.admin().login(), action.target().login(), client(), unlocked ? "success" : "no-pin",
                Optional.of("help-desk"), VoiceMailPages.correlationId(), started);
        return VoiceMailPages.told(action.session(), unlocked ? PageNotice.done(PageNotice.Page.HELP_DESK, "desk.unlockDone")
                : PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.noPin"), desk(uri) + "?mailbox=" + encode(action.target().login()));
    }

    /** A new PIN, mailed to the mailbox's address or to {@code notify}: the administrator's reset route, as {@code pin reset}'s. */
    @POST
    @Path("reset")
    public Response reset(@CookieParam(VoiceMailPages.COOKIE) String id, @FormParam("token") String token,
                          @FormParam("mailbox") String login, @FormParam("notify") String notify,
                          @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, @Context UriInfo uri) {
        Action action = action(id, token, login, origin, host, uri);
        if (action.refusal() != null) {
            return action.refusal();
        }
        String back = desk(uri) + "?mailbox=" + encode(action.target().login());
        String to = notify == null || notify.isBlank() ? action.target().smtpAddress().orElse("") : notify.strip();
        if (notify != null && !notify.isBlank() && !NotifyAddress.isPlain(to)) {
            return VoiceMailPages.told(action.session(), PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.badAddress"), back);
        }
        String reference = VoiceMailPages.correlationId();
        Instant started = clock.instant();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, action.target());
        exchange.setProperty(StepProperties.ADMINISTRATOR, action.admin());
        if (notify != null && !notify.isBlank()) {
            exchange.setProperty(StepProperties.NOTIFY_EMAIL, to);
        }
        routes.send("direct:administrator-reset-pin", exchange);
        if (exchange.getException() != null) {
            LOG.warn("A help-desk reset of {} by {} failed ({}): {}", action.target().login(), action.admin().login(), reference,
                    exchange.getException().toString());
            pages.record("pin-reset", action.admin().login(), action.target().login(), client(), "failed",
                    Optional.of("help-desk"), reference, started);
            return VoiceMailPages.told(action.session(), PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.failed"), back);
        }
        pages.record("pin-reset", action.admin().login(), action.target().login(), client(), "success",
                Optional.of("help-desk, mailed to " + to), reference, started);
        return VoiceMailPages.told(action.session(), PageNotice.done(PageNotice.Page.HELP_DESK, "desk.resetDone", to), back);
    }

    /** Who acts on which mailbox, or why not: the same session, form token and Origin as the user's page, and the role. */
    private record Action(WebSessions.Session session, Mailbox admin, Mailbox target, Response refusal) {
    }

    private Action action(String id, String token, String login, String origin, String host, UriInfo uri) {
        VoiceMailPages.SignedInChange change = pages.signedInChange(id, token, origin, host, uri);
        if (change.refusal() != null) {
            return new Action(null, null, null, change.refusal());
        }
        if (!change.session().administrator()) {
            return new Action(null, null, null, forbidden(PageText.of(change.mailbox().language()), PageText.escape(token)));
        }
        Optional<Mailbox> target = login == null ? Optional.empty() : directory.find(login);
        if (target.isEmpty()) {
            return new Action(null, null, null, VoiceMailPages.redirect(desk(uri)).build());
        }
        return new Action(change.session(), change.mailbox(), target.get(), null);
    }

    /** HTTP 403 for a signed-in user without the administrator role, saying why, with the way to sign out. */
    private static Response forbidden(PageText text, String token) {
        return VoiceMailPages.html(403, VoiceMailPages.document(text, "../", VoiceMailPages.signOutForm(text, token, "../"),
                "<p class=\"error\" role=\"alert\">" + text.html("desk.forbidden") + "</p>"));
    }

    private static TrustedProxies.Client client() {
        return RequestClient.of(PhaseInterceptorChain.getCurrentMessage());
    }

    private static String desk(UriInfo uri) {
        return VoiceMailPages.home(uri) + "help-desk/";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
