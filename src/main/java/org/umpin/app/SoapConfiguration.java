package org.umpin.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.umpin.audit.PinEvent;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.RequestSizeLimit;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Directory;
import org.umpin.observe.Audit;
import org.umpin.observe.Metrics;
import org.umpin.soap.AnswerUmProperties;
import org.umpin.soap.ChangeVoiceMailSetting;
import org.umpin.soap.CheckUmEnabled;
import org.umpin.soap.IdentifyCaller;
import org.umpin.soap.ImpersonationHeaders;
import org.umpin.soap.InvalidRequestFaults;
import org.umpin.soap.ReadRequest;
import org.umpin.soap.ResetAttempts;
import org.umpin.soap.SoapFaults;
import org.umpin.soap.SoapRequestGuard;
import org.umpin.soap.Wsdl;
import org.umpin.soap.WsdlAddress;
import org.umpin.voicemail.VoiceMailSetting;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * The SOAP door, UM2007Legacy.asmx: the CXF endpoint {@code umLegacyService} on the shared HTTP
 * server ({@link HttpDoor}) with its interceptors (the login, the request's shape, the
 * administrator's headers, the audit row of each request), and the beans of
 * {@code routes/um-legacy.camel.yaml}, {@code reset-pin} and {@code soap-faults}.
 */
public final class SoapConfiguration implements CamelConfiguration {

    /** The {@code umpin.soap.*} settings of the endpoint itself, each read here with its bounds. */
    record Settings(Optional<String> publicUrl, int maxRequestBytes, int maxElementDepth, int maxChildElements,
                    int maxElementCount, Map<String, String> telephoneAccessNumbers) {

        static Settings of(UmpinSettings settings) {
            return new Settings(checkedUrl(settings.text("umpin.soap.public-url", "").strip()),
                    settings.number("umpin.soap.max-request-bytes", 1024, 10 << 20),
                    settings.number("umpin.soap.max-element-depth", 8, 1000),
                    settings.number("umpin.soap.max-child-elements", 8, 100_000),
                    settings.number("umpin.soap.max-element-count", 16, 1_000_000), settings.telephoneAccessNumbers());
        }
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinSettings all = UmpinSettings.of(context);
        Settings settings = Settings.of(all);
        HttpDoor.Settings http = HttpDoor.Settings.of(all);
        Registry registry = context.getRegistry();
        Metrics metrics = Beans.get(context, Beans.METRICS, Metrics.class);
        Audit audit = Beans.get(context, Beans.AUDIT, Audit.class);
        Directory directory = Beans.get(context, Beans.DIRECTORY, Directory.class);
        DirectoryConfiguration.Logins logins = Beans.get(context, Beans.LOGINS, DirectoryConfiguration.Logins.class);
        ResetAttempts attempts = new ResetAttempts(List.<Consumer<PinEvent>>of(metrics::soapRequest, audit));
        HttpAuthentication authentication = new HttpAuthentication(directory, http.realm(), http.schemes(),
                http.kerberos(TelephonyConfiguration.schemes(all).contains(HttpAuthentication.Scheme.NEGOTIATE)),
                logins.failed(), logins.verified(), attempts, http.allowPlainHttp(), (message, e) -> {
                    throw SoapFaults.internalServerError(e, RequestStart.correlationId(message.getExchange()));
                });
        registry.bind(Beans.ATTEMPTS, attempts);
        registry.bind(Beans.AUTHENTICATION, authentication);
        CxfEndpoint endpoint = endpoint(context, settings, Beans.get(context, Beans.HTTP_DOOR, HttpDoor.class), authentication,
                attempts);
        metrics.countRefusals(endpoint.getProperties());
        registry.bind("umLegacyService", endpoint);
        context.addStartupListener(requireRouteFrom(endpoint));
        registry.bind("identifyCaller", new IdentifyCaller(directory,
                Beans.get(context, Beans.ROLES, DirectoryConfiguration.Roles.class).administrators()));
        registry.bind("resetPinFaults", new SoapFaults());
        registry.bind("readResetPinRequest", ReadRequest.of("ResetPIN"));
        bindVoiceMailSettingSteps(registry, settings, Beans.get(context, Beans.DATA_SOURCE, DataSource.class),
                PinConfiguration.clock(context));
    }

    /** The steps of routes/um-legacy.camel.yaml's operations other than ResetPIN. */
    private static void bindVoiceMailSettingSteps(Registry registry, Settings settings, DataSource dataSource, Clock clock) {
        VoiceMailSettingsStore store = new VoiceMailSettingsStore(dataSource);
        registry.bind("readIsUmEnabledRequest", ReadRequest.of("IsUMEnabled"));
        registry.bind("readGetUmPropertiesRequest", ReadRequest.of("GetUMProperties"));
        registry.bind("readSetOofStatusRequest", ReadRequest.of("SetOofStatus", "status"));
        registry.bind("readSetMissedCallNotificationEnabledRequest", ReadRequest.of("SetMissedCallNotificationEnabled", "status"));
        registry.bind("readSetPlayOnPhoneDialStringRequest", ReadRequest.of("SetPlayOnPhoneDialString", "dialString"));
        // MS-OXWUMS spells it base64FolderId, and base64FolderID in its own example
        registry.bind("readSetTelephoneAccessFolderEmailRequest",
                ReadRequest.of("SetTelephoneAccessFolderEmail", "base64FolderId", "base64FolderID"));
        registry.bind("checkUmEnabled", new CheckUmEnabled());
        registry.bind("answerUmProperties", new AnswerUmProperties(store, settings.telephoneAccessNumbers()));
        registry.bind("setOofStatus", new ChangeVoiceMailSetting(VoiceMailSetting.OOF_STATUS, store, clock));
        registry.bind("setMissedCallNotificationEnabled",
                new ChangeVoiceMailSetting(VoiceMailSetting.MISSED_CALL_NOTIFICATION_ENABLED, store, clock));
        registry.bind("setPlayOnPhoneDialString", new ChangeVoiceMailSetting(VoiceMailSetting.PLAY_ON_PHONE_DIAL_STRING, store, clock));
        registry.bind("setTelephoneAccessFolderEmail",
                new ChangeVoiceMailSetting(VoiceMailSetting.TELEPHONE_ACCESS_FOLDER_EMAIL, store, clock));
    }

    /** {@code umpin.soap.public-url}: the endpoint's URL as clients reach it, for the WSDL; empty when not set. */
    private static Optional<String> checkedUrl(String url) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url, "not an http or https URL with a host and no query");
            }
            return Optional.of(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("setting umpin.soap.public-url must be the endpoint's http:// or https:// URL"
                    + " (https://umpin.contoso.example/EWS/UM2007Legacy.asmx), got \"" + url + "\"");
        }
    }

    private static CxfEndpoint endpoint(CamelContext context, Settings settings, HttpDoor door,
                                        HttpAuthentication authentication, ResetAttempts attempts) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(context);
        endpoint.setAddress(door.soapAddress());
        door.bus().ifPresent(endpoint::setBus);
        // CXF's XML reader refuses deeper, wider or longer documents than these with a fault
        endpoint.setProperties(new HashMap<>(Map.of(
                "org.apache.cxf.stax.maxElementDepth", settings.maxElementDepth(),
                "org.apache.cxf.stax.maxChildElements", settings.maxChildElements(),
                "org.apache.cxf.stax.maxElementCount", settings.maxElementCount(),
                "org.apache.cxf.stax.maxAttributeCount", 64,
                "org.apache.cxf.stax.maxAttributeSize", 4096,
                "org.apache.cxf.stax.maxTextLength", 16_384)));
        endpoint.setWsdlURL(Wsdl.LOCATION);
        endpoint.setServiceName(Wsdl.SERVICE.toString());
        endpoint.setPortName(Wsdl.PORT.toString());
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        // HTTP request headers must reach neither the e-mail nor the response, and Camel headers not the wire
        DefaultHeaderFilterStrategy noHeaders = new DefaultHeaderFilterStrategy();
        noHeaders.setInFilterPattern(".*");
        noHeaders.setOutFilterPattern(".*");
        endpoint.setHeaderFilterStrategy(noHeaders);
        List<Interceptor<? extends Message>> in = door.entrance();
        in.addAll(List.of(new RequestSizeLimit(settings.maxRequestBytes()), authentication, new SoapRequestGuard(),
                new ImpersonationHeaders(), new WsdlAddress(settings.publicUrl())));
        endpoint.setInInterceptors(in);
        endpoint.setOutInterceptors(List.of(attempts.ending()));
        endpoint.setOutFaultInterceptors(List.of(new InvalidRequestFaults(), attempts.ending()));
        // umpin logs each fault once, in its own words
        endpoint.setSkipFaultLogging(true);
        return endpoint;
    }

    /** A start whose route files were not found would serve nothing while looking healthy: refuse it. */
    private static StartupListener requireRouteFrom(CxfEndpoint endpoint) {
        return (context, alreadyStarted) -> {
            UmpinConfiguration.requireRoute(context, "cxf:bean:umLegacyService", route -> route.getEndpoint() == endpoint);
            // an operation a route hands requests to (um-legacy's direct:<operation>) must have its route
            for (String operation : Wsdl.OPERATIONS) {
                String from = "direct://" + operation;
                if (context.hasEndpoint(from) != null) {
                    UmpinConfiguration.requireRoute(context, from, route -> from.equals(route.getEndpoint().getEndpointUri()));
                }
            }
        };
    }
}
