package org.umpin.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.RequestSizeLimit;
import org.umpin.mailbox.Directory;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinStore;
import org.umpin.steps.StepEvents;
import org.umpin.telephony.AnswerLogon;
import org.umpin.telephony.AuthorizeTelephony;
import org.umpin.telephony.Problems;
import org.umpin.telephony.ReadPinState;
import org.umpin.telephony.TelephonyApi;
import org.umpin.telephony.TelephonyRequest;

/**
 * The telephony door: the beans {@code routes/telephony.camel.yaml} names, and the JAX-RS server
 * under {@code /pin/v1/} on the SOAP endpoint's server, port and TLS ({@link HttpDoor}), with
 * the same HTTP layer (the stopping gate, the size bound, HTTP Basic, the failed-login bounds).
 * The server opens once the routes run, so that no request finds a route missing.
 */
public final class TelephonyConfiguration implements CamelConfiguration {

    static final String PATH = "/pin/v1";
    static final String OPENAPI = "umpin/openapi.json";

    @Override
    public void configure(CamelContext context) throws Exception {
        int maxRequestBytes = UmpinSettings.of(context).number("umpin.telephony.max-request-bytes", 256, 1 << 20);
        Directory directory = Beans.get(context, Beans.DIRECTORY, Directory.class);
        Metrics metrics = Beans.get(context, Beans.METRICS, Metrics.class);
        StepEvents events = Beans.get(context, Beans.STEP_EVENTS, StepEvents.class);
        DirectoryConfiguration.Roles roles = Beans.get(context, Beans.ROLES, DirectoryConfiguration.Roles.class);
        Registry registry = context.getRegistry();
        registry.bind("authorizeTelephony", new AuthorizeTelephony(directory, roles.telephony(), roles.administrators()));
        registry.bind("readLogonRequest", TelephonyRequest.logon());
        registry.bind("readPinChangeRequest", TelephonyRequest.pinChange());
        registry.bind("answerLogon", new AnswerLogon(events));
        registry.bind("readPinState", new ReadPinState(Beans.get(context, Beans.PIN_STORE, PinStore.class),
                PinConfiguration.clock(context), events));
        registry.bind("telephonyProblems", new Problems(events));

        HttpDoor door = Beans.get(context, Beans.HTTP_DOOR, HttpDoor.class);
        HttpAuthentication authentication = Beans.get(context, Beans.AUTHENTICATION, HttpAuthentication.class);
        List<Interceptor<? extends Message>> in = door.entrance();
        in.add(new RequestSizeLimit(maxRequestBytes));
        // the OpenAPI document is public, as the WSDL is
        in.add(authentication.withSchemes(schemes(UmpinSettings.of(context))).forDoor(
                message -> "GET".equals(message.get(Message.HTTP_REQUEST_METHOD))
                        && String.valueOf(message.get(Message.REQUEST_URI)).endsWith("/openapi.json"), Problems::storeFailed));
        door.openWhenRoutesRun(context, PATH, "pin-logon", (started, api) -> {
            api.setServiceBean(new TelephonyApi(started.createProducerTemplate(), openApi()));
            api.setProviders(List.of(new Problems()));
            api.setInInterceptors(in);
            Map<String, Object> properties = new HashMap<>();
            metrics.countRefusals(properties);
            api.setProperties(properties);
        });
    }

    /** {@code umpin.telephony.auth-schemes}: how a voicemail front end signs in; Basic unless set. */
    static List<HttpAuthentication.Scheme> schemes(UmpinSettings settings) {
        return HttpAuthentication.Scheme.parse("umpin.telephony.auth-schemes", settings.text("umpin.telephony.auth-schemes"));
    }

    private static byte[] openApi() {
        try (InputStream in = TelephonyConfiguration.class.getClassLoader().getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("no " + OPENAPI + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(OPENAPI + " cannot be read", e);
        }
    }
}
