package org.umpin.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.KerberosAcceptor;
import org.umpin.http.RequestSizeLimit;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.observe.Audit;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinStore;
import org.umpin.throttle.LoginCheck;
import org.umpin.voicemail.VoiceMailSettingsStore;
import org.umpin.web.PageRefusals;
import org.umpin.web.VoiceMailPages;
import org.umpin.web.WebSessions;

/**
 * The pages' door: {@link VoiceMailPages} under {@code /voicemail/} and the help desk
 * under {@code /voicemail/help-desk/}, on the SOAP endpoint's
 * server, port and TLS ({@link HttpDoor}), behind the stopping gate and a small size bound. It
 * opens once the routes run, so that no button finds {@code direct:page-reset-pin} missing.
 */
public final class WebConfiguration implements CamelConfiguration {

    static final String PATH = "/voicemail";
    /** A sign-in form is a few hundred bytes. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    /** The {@code umpin.web.*} settings, each read here with its bounds. */
    record Settings(boolean enabled, WebSessions.Limits sessions) {

        static Settings of(UmpinSettings settings) {
            Duration idle = Duration.ofMinutes(settings.number("umpin.web.session-idle-minutes", 1, 1440));
            Duration lifetime = Duration.ofMinutes(settings.number("umpin.web.session-lifetime-minutes", 1, 10_080));
            if (lifetime.compareTo(idle) < 0) {
                throw new IllegalArgumentException("setting umpin.web.session-lifetime-minutes must be at least"
                        + " umpin.web.session-idle-minutes (" + idle.toMinutes() + "), got " + lifetime.toMinutes());
            }
            return new Settings(settings.flag("umpin.web.enabled"), new WebSessions.Limits(idle, lifetime,
                    settings.number("umpin.web.sessions-per-account", 1, 100),
                    settings.number("umpin.web.max-sessions", 1, 1_000_000)));
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinSettings all = UmpinSettings.of(context);
        Settings settings = Settings.of(all);
        if (!settings.enabled()) {
            return;
        }
        boolean allowPlainHttp = HttpDoor.Settings.of(all).allowPlainHttp();
        WebSessions sessions = new WebSessions(settings.sessions(), Clock.systemUTC());
        HttpDoor door = Beans.get(context, Beans.HTTP_DOOR, HttpDoor.class);
        Directory directory = Beans.get(context, Beans.DIRECTORY, Directory.class);
        Predicate<Mailbox> administrators = Beans.get(context, Beans.ROLES, DirectoryConfiguration.Roles.class).administrators();
        LoginCheck logins = Beans.get(context, Beans.LOGINS, DirectoryConfiguration.Logins.class).check();
        // umpin.auth.schemes holds for the pages as for SOAP: a browser with a Kerberos ticket is signed in without the form
        Optional<KerberosAcceptor> kerberos = Beans.get(context, Beans.AUTHENTICATION, HttpAuthentication.class).negotiator();
        PinStore pins = Beans.get(context, Beans.PIN_STORE, PinStore.class);
        PinPolicies policies = Beans.get(context, Beans.POLICIES, PinPolicies.class);
        Audit audit = Beans.get(context, Beans.AUDIT, Audit.class);
        DataSource dataSource = Beans.get(context, Beans.DATA_SOURCE, DataSource.class);
        List<Interceptor<? extends Message>> in = door.entrance();
        in.add(new RequestSizeLimit(MAX_REQUEST_BYTES));
        door.openWhenRoutesRun(context, PATH, "page-reset-pin", (started, server) -> {
            ProducerTemplate routes = started.createProducerTemplate();
            server.setServiceBeans(VoiceMailPages.resources(sessions, logins, kerberos, directory, administrators, pins, policies,
                    new VoiceMailSettingsStore(dataSource), audit, routes, allowPlainHttp, Clock.systemUTC()));
            server.setInInterceptors(in);
            server.setOutInterceptors(List.of(RequestStart.ending()));
            server.setOutFaultInterceptors(List.of(RequestStart.ending()));
            server.setProviders(List.of(new PageRefusals(), new PageRefusals.Failures()));
        });
    }
}
