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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.PinEvent;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.notify.NotifyAddress;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.steps.StepProperties;

/**
 * The help desk's page at {@code /voicemail/help-desk/}, for the administrator role
 * ({@code umpin.admin.*}): find a mailbox by login, address, display name or extension; see its
 * PIN's state and its last audit entries; unlock it and reset it, to its own address or another
 * (Set-UMMailboxPIN's NotifyEmail), through the routes {@code pin unlock} and {@code pin reset}
 * run too ({@code routes/administrator.camel.yaml}). Each action is audited with the
 * administrator's login. Signed in as for the user's page ({@link PageLogin}); the role is the
 * one the session signed in with, which it keeps only while the directory says so. Its HTML is
 * the template {@code helpDesk.jte}.
 */
@Path("help-desk")
public final class HelpDeskPages {

    private static final Logger LOG = LoggerFactory.getLogger(HelpDeskPages.class);
    private static final int FOUND_AT_MOST = 20;
    private static final int AUDIT_ROWS = 10;

    private final PageLogin login;
    private final Directory directory;
    private final PinStore pins;
    private final PinPolicies policies;
    private final AuditTrail auditTrail;
    private final PageAudit audit;
    private final ProducerTemplate routes;
    private final Clock clock;

    HelpDeskPages(PageLogin login, Directory directory, PinStore pins, PinPolicies policies, AuditTrail auditTrail,
                  PageAudit audit, ProducerTemplate routes, Clock clock) {
        this.login = login;
        this.directory = directory;
        this.pins = pins;
        this.policies = policies;
        this.auditTrail = auditTrail;
        this.audit = audit;
        this.routes = routes;
        this.clock = clock;
    }

    @GET
    public Response page(@CookieParam(PageLogin.COOKIE) String id, @QueryParam("q") String query,
                         @QueryParam("mailbox") String name, @Context UriInfo uri) {
        Optional<Response> slashed = Pages.withSlash(uri);
        if (slashed.isPresent()) {
            return slashed.get();
        }
        Optional<PageLogin.SignedIn> signedIn = login.signedIn(id);
        if (signedIn.isEmpty()) {
            return Pages.redirect(Pages.home(uri)).build();
        }
        PageText text = PageText.of(signedIn.get().mailbox().language());
        String token = signedIn.get().session().formToken();
        if (!signedIn.get().session().administrator()) {
            return forbidden(text, token);
        }
        List<Mailbox> found = query == null || query.isBlank() ? null : directory.search(query, FOUND_AT_MOST);
        Mailbox chosen = name == null ? null : directory.find(name).orElse(null);
        PinStore.PinState pin = chosen == null ? null : pins.current(chosen.id()).orElse(null);
        List<PinEvent> events = chosen == null ? List.of() : newestFirst(auditTrail.find(chosen.login(), Instant.EPOCH));
        PinPolicy policy = chosen == null ? null : policies.named(chosen.pinPolicy());
        return Pages.helpDesk(new Pages.HelpDeskPage(text, token, query == null ? "" : query, found, chosen, pin, policy, events,
                clock.instant(), signedIn.get().session().takeNotice(PageNotice.Page.HELP_DESK).orElse(null)));
    }

    /** The last {@value #AUDIT_ROWS} of the trail's rows, oldest first: the newest first. */
    private static List<PinEvent> newestFirst(List<PinEvent> events) {
        List<PinEvent> newest = new ArrayList<>(events.subList(Math.max(0, events.size() - AUDIT_ROWS), events.size()));
        Collections.reverse(newest);
        return newest;
    }

    /** Set-UMMailboxPIN's -LockedOut $false: the lockout and the failed logons cleared, the PIN kept. */
    @POST
    @Path("unlock")
    public Response unlock(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                           @FormParam("mailbox") String name, @HeaderParam("Origin") String origin,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        return lockOut(false, action(id, token, name, origin, host, uri), uri);
    }

    /** Set-UMMailboxPIN's -LockedOut $true: every PIN refused until an unlock, a reset or a set. */
    @POST
    @Path("lock")
    public Response lock(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                         @FormParam("mailbox") String name, @HeaderParam("Origin") String origin,
                         @HeaderParam("Host") String host, @Context UriInfo uri) {
        return lockOut(true, action(id, token, name, origin, host, uri), uri);
    }

    /** The route lock-pin or unlock-pin, as {@code pin lock} and {@code pin unlock} run them. */
    private Response lockOut(boolean lockedOut, Action action, UriInfo uri) {
        if (action.refusal() != null) {
            return action.refusal();
        }
        String what = lockedOut ? "lock" : "unlock";
        Instant started = clock.instant();
        Exchange exchange = run("direct:" + what + "-pin", action, Optional.empty());
        if (exchange.getException() != null) {
            return failed(what, action, exchange.getException(), started, uri);
        }
        boolean done = exchange.getProperty(StepProperties.STATE_BEFORE) != null;
        audit.record(what, action.admin().login(), action.target().login(), done ? "success" : "no-pin",
                Optional.of("help-desk"), started);
        return Pages.told(action.session(), done ? PageNotice.done(PageNotice.Page.HELP_DESK, "desk." + what + "Done")
                : PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.noPin"), back(uri, action));
    }

    /**
     * A new PIN, mailed to the mailbox's address or to {@code notify}: random (the administrator's
     * reset route, as {@code pin reset}'s), or the {@code pin} the administrator typed
     * (Set-UMMailboxPIN -Pin: the set route, as {@code pin set}'s), checked as a user's own PIN.
     */
    @POST
    @Path("reset")
    public Response reset(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                          @FormParam("mailbox") String name, @FormParam("notify") String notify, @FormParam("pin") String pin,
                          @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, @Context UriInfo uri) {
        Action action = action(id, token, name, origin, host, uri);
        if (action.refusal() != null) {
            return action.refusal();
        }
        Optional<String> elsewhere = notify == null || notify.isBlank() ? Optional.empty() : Optional.of(notify.strip());
        if (elsewhere.isPresent() && !NotifyAddress.isPlain(elsewhere.get())) {
            return Pages.told(action.session(), PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.badAddress"), back(uri, action));
        }
        Optional<String> given = pin == null || pin.isBlank() ? Optional.empty() : Optional.of(pin.strip());
        String what = given.isPresent() ? "pin-set" : "pin-reset";
        String to = elsewhere.orElse(action.target().smtpAddress().orElse(""));
        Instant started = clock.instant();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        given.ifPresent(digits -> exchange.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin(digits)));
        run(given.isPresent() ? "direct:administrator-set-pin" : "direct:administrator-reset-pin", exchange, action, elsewhere);
        if (exchange.getException() instanceof PinChangeRefused.Refused refused) {
            audit.record(what, action.admin().login(), action.target().login(), "refused",
                    Optional.of("help-desk, " + String.join(" ", refused.words())), started);
            return Pages.told(action.session(), new PageNotice(PageNotice.Page.HELP_DESK, PageNotice.Kind.REFUSED_PIN,
                    "desk.refused", refused.words()), back(uri, action));
        }
        if (exchange.getException() != null) {
            return failed(what, action, exchange.getException(), started, uri);
        }
        audit.record(what, action.admin().login(), action.target().login(), "success",
                Optional.of("help-desk, mailed to " + to), started);
        return Pages.told(action.session(), PageNotice.done(PageNotice.Page.HELP_DESK,
                given.isPresent() ? "desk.setDone" : "desk.resetDone", to), back(uri, action));
    }

    /** Who acts on which mailbox, or why not: the same session, form token and Origin as the user's page, and the role. */
    private record Action(WebSessions.Session session, Mailbox admin, Mailbox target, Response refusal) {
    }

    private Action action(String id, String token, String name, String origin, String host, UriInfo uri) {
        PageLogin.Change change = login.change(id, token, origin, host);
        if (change.refusal() == PageLogin.Refusal.SIGN_IN) {
            return refusal(Pages.redirect(Pages.home(uri)).build());
        }
        PageText text = PageText.of(change.mailbox().language());
        if (change.refusal() == PageLogin.Refusal.FORM) {
            return refusal(Pages.message(403, new Pages.MessagePage(text, "../", change.session().formToken(),
                    text.words("form.expired"))));
        }
        if (!change.session().administrator()) {
            return refusal(forbidden(text, change.session().formToken()));
        }
        Optional<Mailbox> target = name == null ? Optional.empty() : directory.find(name);
        if (target.isEmpty()) {
            return refusal(Pages.redirect(desk(uri)).build());
        }
        return new Action(change.session(), change.mailbox(), target.get(), null);
    }

    private static Action refusal(Response refusal) {
        return new Action(null, null, null, refusal);
    }

    /** Runs an administrator's route on the action's mailbox, as its administrator. */
    private Exchange run(String route, Action action, Optional<String> notifyEmail) {
        return run(route, new DefaultExchange(routes.getCamelContext()), action, notifyEmail);
    }

    private Exchange run(String route, Exchange exchange, Action action, Optional<String> notifyEmail) {
        exchange.setProperty(StepProperties.MAILBOX, action.target());
        exchange.setProperty(StepProperties.ADMINISTRATOR, action.admin());
        notifyEmail.ifPresent(address -> exchange.setProperty(StepProperties.NOTIFY_EMAIL, address));
        return routes.send(route, exchange);
    }

    /** An action the route refused or failed: one log line and one audit row saying why, and the desk says it failed. */
    private Response failed(String what, Action action, Exception failure, Instant started, UriInfo uri) {
        String reference = PageAudit.correlationId();
        LOG.warn("A help-desk {} of {} by {} failed ({}): {}", what, action.target().login(), action.admin().login(), reference,
                failure.toString());
        audit.record(what, action.admin().login(), action.target().login(), "failed", Optional.of("help-desk"), started);
        return Pages.told(action.session(), PageOutcomes.deskFailed(), back(uri, action));
    }

    /** HTTP 403 for a signed-in user without the administrator role, saying why, with the way to sign out. */
    private static Response forbidden(PageText text, String token) {
        return Pages.message(403, new Pages.MessagePage(text, "../", token, text.words("desk.forbidden")));
    }

    private static String desk(UriInfo uri) {
        return Pages.home(uri) + "help-desk/";
    }

    private static String back(UriInfo uri, Action action) {
        return desk(uri) + "?mailbox=" + URLEncoder.encode(action.target().login(), StandardCharsets.UTF_8);
    }
}
