package org.umpin.app;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.umpin.audit.AuditTrail;
import org.umpin.http.BasicAuthentication;
import org.umpin.http.RequestSizeLimit;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.observe.ResetMetrics;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinStore;
import org.umpin.secret.SecretHasher;
import org.umpin.soap.ResetAttempts;
import org.umpin.steps.FindMailbox;
import org.umpin.telephony.AnswerLogon;
import org.umpin.telephony.AuthorizeTelephony;
import org.umpin.telephony.AutomaticReset;
import org.umpin.telephony.CheckPin;
import org.umpin.telephony.ChoosePin;
import org.umpin.telephony.Problems;
import org.umpin.telephony.ReadPinState;
import org.umpin.telephony.TelephonyApi;
import org.umpin.telephony.TelephonyEvents;
import org.umpin.telephony.TelephonyRequest;

/**
 * The telephony door: the beans {@code routes/telephony.camel.yaml} names, and the JAX-RS server
 * under {@code /pin/v1/} on the SOAP endpoint's server, port and TLS ({@link HttpDoor}), with
 * the same HTTP layer (the stopping gate, the size bound, HTTP Basic, the failed-login bounds).
 * The server opens once the routes run, so that no request finds a route missing.
 */
final class TelephonyConfiguration {

    static final String PATH = "/pin/v1";
    static final String OPENAPI = "umpin/openapi.json";

    private final CamelContext context;
    private final Directory directory;
    private final PinPolicies policies;
    private final SecretHasher hasher;
    private final PinStore pinStore;
    private final Clock clock;
    private final ResetMetrics metrics;
    private final TelephonyEvents events;
    private final Predicate<Mailbox> telephony;
    private final Predicate<Mailbox> administrators;

    TelephonyConfiguration(CamelContext context, Directory directory, PinPolicies policies, SecretHasher hasher,
                           PinStore pinStore, Clock clock, ResetMetrics metrics, MeterRegistry meters, AuditTrail audit,
                           Predicate<Mailbox> telephony, Predicate<Mailbox> administrators) {
        this.context = context;
        this.directory = directory;
        this.policies = policies;
        this.hasher = hasher;
        this.pinStore = pinStore;
        this.clock = clock;
        this.metrics = metrics;
        this.events = new TelephonyEvents(audit::record, meters);
        this.telephony = telephony;
        this.administrators = administrators;
    }

    void bind(HttpDoor door, BasicAuthentication authentication, ResetAttempts attempts, int maxRequestBytes) throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("authorizeTelephony", new AuthorizeTelephony(directory, telephony, administrators));
        registry.bind("readLogonRequest", TelephonyRequest.logon());
        registry.bind("readPinChangeRequest", TelephonyRequest.pinChange());
        registry.bind("findMailbox", new FindMailbox(directory, policies, hasher));
        registry.bind("checkPin", new CheckPin(hasher, clock, metrics, events));
        registry.bind("automaticReset", new AutomaticReset(events));
        registry.bind("answerLogon", new AnswerLogon(events));
        registry.bind("choosePin", new ChoosePin(hasher, clock, metrics, events));
        registry.bind("readPinState", new ReadPinState(pinStore, clock, events));
        registry.bind("telephonyProblems", new Problems(events));

        List<Interceptor<? extends Message>> in = door.entrance();
        in.add(new RequestSizeLimit(maxRequestBytes));
        // the OpenAPI document is public, as the WSDL is
        in.add(authentication.forDoor(message -> "GET".equals(message.get(Message.HTTP_REQUEST_METHOD))
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
