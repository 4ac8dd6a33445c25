package org.umpin.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.PinEvent;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.KerberosAcceptor;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.observe.Audit;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinRules;
import org.umpin.pin.PinStore;
import org.umpin.steps.StepProperties;
import org.umpin.throttle.LoginCheck;
import org.umpin.voicemail.VoiceMailSetting;
import org.umpin.voicemail.VoiceMailSettings;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * The self-service page at {@code /voicemail/}, as Outlook Web App's voice mail options were:
 * sign in ({@link PageLogin}), see the PIN's state, reset it ({@code direct:page-reset-pin}),
 * choose one's own ({@code direct:page-change-pin}) and change the voice mail settings
 * ({@code direct:page-change-setting}), each a route of {@code routes/web.camel.yaml}. The page
 * never shows a PIN; what it says after an action comes from the session ({@link PageNotice}),
 * in words {@link PageOutcomes} chooses; its HTML is the template {@code voiceMail.jte}.
 */
@Path("/")
public final class VoiceMailPages {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceMailPages.class);

    private final PageLogin login;
    private final PinStore pins;
    private final PinPolicies policies;
    private final VoiceMailSettingsStore voiceMailSettings;
    private final ProducerTemplate routes;
    private final PageAudit audit;
    private final Clock clock;

    VoiceMailPages(PageLogin login, PinStore pins, PinPolicies policies, VoiceMailSettingsStore voiceMailSettings,
                   ProducerTemplate routes, PageAudit audit, Clock clock) {
        this.login = login;
        this.pins = pins;
        this.policies = policies;
        this.voiceMailSettings = voiceMailSettings;
        this.routes = routes;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The pages' JAX-RS resources, {@code /voicemail/} and {@code /voicemail/help-desk/}, signed in
     * alike; {@code routes} runs {@code routes/web.camel.yaml} and {@code administrator.camel.yaml}.
     */
    public static List<Object> resources(WebSessions sessions, LoginCheck logins, Optional<KerberosAcceptor> kerberos,
                                          Directory directory,
                                          Predicate<Mailbox> administrators, PinStore pins, PinPolicies policies,
                                          VoiceMailSettingsStore settings, Audit audit, ProducerTemplate routes,
                                          boolean allowPlainHttp, Clock clock) {
        PageAudit pageAudit = new PageAudit(audit, clock);
        PageLogin login = new PageLogin(sessions, logins, kerberos, directory, administrators, pageAudit, allowPlainHttp, clock);
        return List.of(new VoiceMailPages(login, pins, policies, settings, routes, pageAudit, clock),
                new HelpDeskPages(login, directory, pins, policies, audit.trail(), pageAudit, routes, clock));
    }

    @GET
    public Response page(@CookieParam(PageLogin.COOKIE) String id, @HeaderParam("Accept-Language") String languages,
                         @HeaderParam("Authorization") String authorization,
                         @CookieParam(PageLogin.SIGNED_OUT) String signedOut, @Context UriInfo uri) {
        Optional<Response> slashed = Pages.withSlash(uri);
        if (slashed.isPresent()) {
            return slashed.get();
        }
        Optional<PageLogin.SignedIn> signedIn = login.signedIn(id);
        if (signedIn.isEmpty()) {
            // a browser that answered the sign-in page's Negotiate with its Kerberos ticket
            Optional<String> ticket = HttpAuthentication.negotiateToken(Optional.ofNullable(authorization));
            return ticket.isPresent() ? login.negotiate(ticket.get(), languages, Pages.home(uri))
                    : login.signInPage(id, languages, signedOut != null);
        }
        return mailboxPage(200, signedIn.get(), signedIn.get().session().takeNotice(PageNotice.Page.VOICE_MAIL).orElse(null), null);
    }

    @POST
    @Path("sign-in")
    public Response signIn(@FormParam("login") String name, @FormParam("password") String password,
                           @HeaderParam("Accept-Language") String languages, @HeaderParam("Origin") String origin,
                           @HeaderParam("Host") String host, @Context UriInfo uri) {
        return login.signIn(name, password, languages, origin, host, Pages.home(uri));
    }

    /**
     * Ends the session, as every change: with its form token, from the page's own origin;
     * anything else is refused and ends nothing, the cookie left as it is. Without a live
     * session there is nothing to protect, and the stale cookie is cleared.
     */
    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                            @HeaderParam("Origin") String origin, @HeaderParam("Host") String host,
                            @HeaderParam("Accept-Language") String languages, @Context UriInfo uri) {
        PageLogin.Change change = login.change(id, token, origin, host);
        if (change.refusal() == PageLogin.Refusal.FORM) {
            return formExpired(change.signedIn());
        }
        if (change.refusal() == PageLogin.Refusal.SIGN_IN && !PageLogin.sameOrigin(origin, host, PageLogin.client())) {
            PageText text = PageText.of(languages);
            return Pages.signIn(403, new Pages.SignInPage(text, null, text.words("form.expired")));
        }
        return login.signOut(change.refusal() == PageLogin.Refusal.NONE ? Optional.of(change.session()) : Optional.empty(),
                Pages.home(uri));
    }

    @POST
    @Path("reset")
    public Response reset(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                          @HeaderParam("Origin") String origin, @HeaderParam("Host") String host, @Context UriInfo uri) {
        PageLogin.Change change = login.change(id, token, origin, host);
        if (change.refusal() != PageLogin.Refusal.NONE) {
            return refused(change, uri);
        }
        Mailbox mailbox = change.mailbox();
        Instant started = clock.instant();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        routes.send("direct:page-reset-pin", exchange);
        Exception failure = exchange.getException();
        if (failure == null) {
            audit.record("pin-reset", mailbox.login(), mailbox.login(), "success", Optional.of("page"), started);
            return Pages.told(change.session(), PageNotice.done(PageNotice.Page.VOICE_MAIL, "reset.done",
                    mailbox.smtpAddress().orElse("")), Pages.home(uri));
        }
        String reference = PageAudit.correlationId();
        LOG.warn("A page reset of {} failed ({}): {}", mailbox.login(), reference, failure.toString());
        audit.record("pin-reset", mailbox.login(), mailbox.login(), "failed", Optional.of(failure.getClass().getSimpleName()), started);
        return Pages.told(change.session(), PageOutcomes.resetFailed(failure, reference), Pages.home(uri));
    }

    /**
     * A PIN of the user's own: {@code direct:page-change-pin} (routes/web.camel.yaml), the
     * telephony API's rules; the route audits it as {@code pin-change}. The PINs go no further
     * than the route: the answer names only the rules the new one breaks.
     */
    @POST
    @Path("pin")
    public Response choosePin(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                              @FormParam("current") String current, @FormParam("new") String newPin,
                              @FormParam("repeat") String repeat, @HeaderParam("Origin") String origin,
                              @HeaderParam("Host") String host, @Context UriInfo uri) {
        PageLogin.Change change = login.change(id, token, origin, host);
        if (change.refusal() != PageLogin.Refusal.NONE) {
            return refused(change, uri);
        }
        String home = Pages.home(uri);
        if (newPin == null || !newPin.equals(repeat)) {
            return Pages.told(change.session(), PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.mismatch"), home);
        }
        String currentPin = current == null ? "" : current.strip();
        if (!PinRules.isWellFormed(currentPin)) {
            return Pages.told(change.session(), PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.badCurrent"), home);
        }
        String reference = PageAudit.correlationId();
        Exchange exchange = new DefaultExchange(routes.getCamelContext());
        StepProperties.pinChangeBy(exchange, change.mailbox(), PageLogin.client().address(), reference, currentPin, newPin.strip());
        routes.send("direct:page-change-pin", exchange);
        // page-problems (routes/web.camel.yaml) handled it: audited, logged and counted already
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, exchange.getException(), Exception.class);
        return Pages.told(change.session(), failure == null ? PageNotice.done(PageNotice.Page.VOICE_MAIL, "choose.done")
                : PageOutcomes.pinChangeFailed(failure, reference), home);
    }

    /**
     * The settings GetUMProperties shows, as the SOAP Set operations change them
     * ({@code direct:page-change-setting}): each that differs from the stored one, once all are
     * known to be valid; each change audited with its values, as a Set operation's.
     */
    @POST
    @Path("settings")
    public Response saveSettings(@CookieParam(PageLogin.COOKIE) String id, @FormParam("token") String token,
                                 @FormParam("oof") String oof, @FormParam("missed") String missed,
                                 @FormParam("dial") String dial, @HeaderParam("Origin") String origin,
                                 @HeaderParam("Host") String host, @Context UriInfo uri) {
        PageLogin.Change change = login.change(id, token, origin, host);
        if (change.refusal() != PageLogin.Refusal.NONE) {
            return refused(change, uri);
        }
        Mailbox mailbox = change.mailbox();
        Map<VoiceMailSetting, String> wanted = new EnumMap<>(VoiceMailSetting.class);
        wanted.put(VoiceMailSetting.OOF_STATUS, Boolean.toString(oof != null));
        wanted.put(VoiceMailSetting.MISSED_CALL_NOTIFICATION_ENABLED, Boolean.toString(missed != null));
        try {
            wanted.put(VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING,
                    VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING.normalize(dial == null ? "" : dial));
        } catch (IllegalArgumentException notDialable) {
            return Pages.told(change.session(), PageNotice.failed(PageNotice.Page.VOICE_MAIL, "settings.badDial"), Pages.home(uri));
        }
        VoiceMailSettings stored = voiceMailSettings.of(mailbox.id());
        for (Map.Entry<VoiceMailSetting, String> setting : wanted.entrySet()) {
            String before = stored.value(setting.getKey());
            if (before.equals(setting.getValue())) {
                continue;
            }
            Instant started = clock.instant();
            Exchange exchange = new DefaultExchange(routes.getCamelContext());
            exchange.setProperty(StepProperties.MAILBOX, mailbox);
            exchange.setProperty(StepProperties.SETTING, setting.getKey().protocolName());
            exchange.setProperty(StepProperties.VALUE, setting.getValue());
            routes.send("direct:page-change-setting", exchange);
            String action = "Set" + setting.getKey().protocolName();
            if (exchange.getException() != null) {
                String reference = PageAudit.correlationId();
                LOG.warn("A page's {} for {} failed ({}): {}", action, mailbox.login(), reference, exchange.getException().toString());
                audit.record(action, mailbox.login(), mailbox.login(), "failed", Optional.of("page"), started);
                return Pages.told(change.session(), PageOutcomes.settingFailed(reference), Pages.home(uri));
            }
            audit.record(action, mailbox.login(), mailbox.login(), "success", Optional.of("page"), started,
                    Optional.of(new PinEvent.ValueChange(before, setting.getValue())));
        }
        return Pages.told(change.session(), PageNotice.done(PageNotice.Page.VOICE_MAIL, "settings.done"), Pages.home(uri));
    }

    @GET
    @Path("style.css")
    public Response style() throws IOException {
        return Pages.resource("style.css", "text/css; charset=utf-8");
    }

    /** The page's icon: without one a browser asks for /favicon.ico and logs a 404 on every page. */
    @GET
    @Path("icon.svg")
    public Response icon() throws IOException {
        return Pages.resource("icon.svg", "image/svg+xml");
    }

    /** A change refused: back to the sign-in without a session, 403 with the page saying so for a form not its own. */
    private Response refused(PageLogin.Change change, UriInfo uri) {
        return change.refusal() == PageLogin.Refusal.SIGN_IN ? Pages.redirect(Pages.home(uri)).build()
                : formExpired(change.signedIn());
    }

    private Response formExpired(PageLogin.SignedIn signedIn) {
        return mailboxPage(403, signedIn, null, PageText.of(signedIn.mailbox().language()).words("form.expired"));
    }

    /** The user's page: the PIN's state as stored now, and the settings when the mailbox is enabled for voice mail. */
    private Response mailboxPage(int status, PageLogin.SignedIn signedIn, PageNotice notice, String error) {
        Mailbox mailbox = signedIn.mailbox();
        return Pages.voiceMail(status, new Pages.VoiceMailPage(PageText.of(mailbox.language()), signedIn.session().formToken(),
                mailbox, pins.current(mailbox.id()).orElse(null), clock.instant(), notice, error,
                policies.named(mailbox.pinPolicy()),
                mailbox.umEnabled() ? voiceMailSettings.of(mailbox.id()) : null));
    }
}
