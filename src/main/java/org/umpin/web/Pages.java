package org.umpin.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.umpin.audit.PinEvent;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.voicemail.VoiceMailSettings;

/**
 * The pages' HTML and how it is answered: the templates under
 * {@code src/main/resources/umpin/web/pages} (jte, compiled into classes by the build, every value
 * escaped), each with the one record below it shows, and the headers every page carries (no
 * caching, no framing, no resource from elsewhere). A changed page is a changed template.
 */
final class Pages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Pages.class.getClassLoader(), Pages.class.getPackageName());

    /** The sign-in form, with what the last sign-in came to ({@code error}) or why a session ended ({@code notice}). */
    record SignInPage(PageText text, String notice, String error) {
    }

    /** A page that only says one thing ({@code words}, already in the page's language); signed in with {@code token}. */
    record MessagePage(PageText text, String root, String token, String words) {
    }

    /**
     * The user's page: the PIN's state (none yet: {@code pin} null) under the mailbox's policy, the
     * reset, the PIN of one's own, the settings.
     */
    record VoiceMailPage(PageText text, String token, Mailbox mailbox, PinStore.PinState pin, Instant now, PageNotice notice,
                         String error, PinPolicy policy, VoiceMailSettings settings) {
    }

    /** The help desk's page: the search and what it found, the mailbox chosen with its PIN state, policy and last audit rows. */
    record HelpDeskPage(PageText text, String token, String query, List<Mailbox> found, Mailbox chosen, PinStore.PinState pin,
                        PinPolicy policy, List<PinEvent> events, Instant now, PageNotice notice) {
    }

    private Pages() {
    }

    static Response signIn(int status, SignInPage page) {
        return html(status, "signIn.jte", page);
    }

    static Response message(int status, MessagePage page) {
        return html(status, "message.jte", page);
    }

    static Response voiceMail(int status, VoiceMailPage page) {
        return html(status, "voiceMail.jte", page);
    }

    static Response helpDesk(HelpDeskPage page) {
        return html(200, "helpDesk.jte", page);
    }

    private static Response html(int status, String template, Object page) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, page, out);
        return Response.status(status).type("text/html; charset=utf-8").entity(out.toString())
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin") // with no-referrer, a browser sends its form posts with Origin: null
                .build();
    }

    /**
     * A 303 to a path on the request's own host: an absolute Location would name the server's
     * configured host (localhost for 0.0.0.0), another origin to a browser that came by address,
     * which loses the cookie and breaks the form-action policy.
     */
    static Response.ResponseBuilder redirect(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path).header("Cache-Control", "no-store");
    }

    /** Back to {@code page}, which says {@code notice} once. */
    static Response told(WebSessions.Session session, PageNotice notice, String page) {
        session.tell(notice);
        return redirect(page).build();
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

    /** The page's own path, {@code /voicemail/} on umpin's server. */
    static String home(UriInfo uri) {
        String base = uri.getBaseUri().getRawPath();
        return base.endsWith("/") ? base : base + "/";
    }

    /** A file the pages use ({@code style.css}, {@code icon.svg}), from {@code umpin/web/}. */
    static Response resource(String name, String type) throws IOException {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream("umpin/web/" + name)) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
    }
}
