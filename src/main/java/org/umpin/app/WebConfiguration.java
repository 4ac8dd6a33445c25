package org.umpin.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.umpin.audit.AuditTrail;
import org.umpin.http.RequestSizeLimit;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinStore;
import org.umpin.throttle.LoginCheck;
import org.umpin.voicemail.VoiceMailSettingsStore;
import org.umpin.web.HelpDeskPages;
import org.umpin.web.PageRefusals;
import org.umpin.web.VoiceMailPages;
import org.umpin.web.WebSessions;

/**
 * The pages' door: {@link VoiceMailPages} under {@code /voicemail/} and {@link HelpDeskPages}
 * under {@code /voicemail/help-desk/}, on the SOAP endpoint's
 * server, port and TLS ({@link HttpDoor}), behind the stopping gate and a small size bound. It
 * opens once the routes run, so that no button finds {@code direct:page-reset-pin} missing.
 */
final class WebConfiguration {

    static final String PATH = "/voicemail";
    /** A sign-in form is a few hundred bytes. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private WebConfiguration() {
    }

    static void bind(CamelContext context, UmpinSettings settings, HttpDoor door, LoginCheck logins, Directory directory,
                     Predicate<Mailbox> administrators, PinStore pins, PinPolicies policies, DataSource dataSource,
                     AuditTrail audit) throws Exception {
        if (!settings.flag("umpin.web.enabled")) {
            return;
        }
        Duration idle = Duration.ofMinutes(settings.number("umpin.web.session-idle-minutes", 1, 1440));
        Duration lifetime = Duration.ofMinutes(settings.number("umpin.web.session-lifetime-minutes", 1, 10_080));
        if (lifetime.compareTo(idle) < 0) {
            throw new IllegalArgumentException("setting umpin.web.session-lifetime-minutes must be at least"
                    + " umpin.web.session-idle-minutes (" + idle.toMinutes() + "), got " + lifetime.toMinutes());
        }
        WebSessions sessions = new WebSessions(new WebSessions.Limits(idle, lifetime,
                settings.number("umpin.web.sessions-per-account", 1, 100),
                settings.number("umpin.web.max-sessions", 1, 1_000_000)), Clock.systemUTC());
        boolean allowPlainHttp = settings.flag("umpin.auth.allow-basic-over-http");
        List<Interceptor<? extends Message>> in = new ArrayList<>(List.of(door.client()));
        door.gate().ifPresent(in::add);
        in.add(new RequestSizeLimit(MAX_REQUEST_BYTES));
        door.openWhenRoutesRun(context, PATH, "page-reset-pin", (started, server) -> {
            ProducerTemplate routes = started.createProducerTemplate();
            VoiceMailPages pages = new VoiceMailPages(sessions, logins, directory, administrators, pins, policies,
                    new VoiceMailSettingsStore(dataSource), routes, audit::record, allowPlainHttp, Clock.systemUTC());
            server.setServiceBeans(List.of(pages, new HelpDeskPages(pages, directory, pins, audit, routes, Clock.systemUTC())));
            server.setInInterceptors(in);
            server.setProviders(List.of(new PageRefusals(), new PageRefusals.Failures()));
        });
    }
}
