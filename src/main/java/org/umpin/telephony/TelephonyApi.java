package org.umpin.telephony;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.MDC;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.RequestClient;
import org.umpin.http.RequestSizeLimit;
import org.umpin.http.RequestStart;
import org.umpin.steps.StepProperties;

/**
 * The telephony API's HTTP face under {@code /pin/v1/} (JAX-RS on the SOAP endpoint's CXF Jetty
 * server): each operation hands the request to its route ({@code routes/telephony.camel.yaml})
 * and sends back what the route answered. No rule lives here.
 */
@Path("/")
public final class TelephonyApi {

    private final ProducerTemplate routes;
    private final byte[] openApi;

    public TelephonyApi(ProducerTemplate routes, byte[] openApi) {
        this.routes = routes;
        this.openApi = openApi.clone();
    }

    @POST
    @Path("logon")
    public Response logon(InputStream body) {
        return call("direct:pin-logon", "logon", null, body);
    }

    @PUT
    @Path("mailboxes/{mailbox}/pin")
    public Response changePin(@PathParam("mailbox") String mailbox, InputStream body) {
        return call("direct:pin-change", "pin-change", mailbox, body);
    }

    @GET
    @Path("mailboxes/{mailbox}")
    public Response mailbox(@PathParam("mailbox") String mailbox) {
        return call("direct:pin-state", "pin-state", mailbox, null);
    }

    @GET
    @Path("openapi.json")
    public Response openApi() {
        return Response.ok(openApi, "application/json").build();
    }

    /** {@code action}: what the audit, the log and the metrics call the operation. */
    private Response call(String route, String action, String mailbox, InputStream body) {
        Message request = PhaseInterceptorChain.getCurrentMessage();
        try {
            String text = body == null ? null : read(body);
            if (request.getExchange().get(RequestSizeLimit.TOO_LARGE) != null) {
                // a chunked body that grew past umpin.telephony.max-request-bytes
                return Problems.response(new Problem(413, "too-large", "The request is too large",
                        "The body is longer than the API takes."));
            }
            Exchange exchange = routes.send(route, e -> {
                SecurityContext security = request.get(SecurityContext.class);
                Principal principal = security == null ? null : security.getUserPrincipal();
                e.setProperty(StepProperties.CALLER_NAME, principal == null ? null : principal.getName());
                if (principal instanceof HttpAuthentication.MailboxPrincipal known) {
                    e.setProperty(StepProperties.CALLER, known.mailbox());
                    e.setProperty(StepProperties.CALLER_NAME, known.caller());
                }
                e.setProperty(StepProperties.ACTION, action);
                e.setProperty(StepProperties.MAILBOX_NAME, mailbox);
                e.setProperty(StepProperties.CORRELATION_ID, RequestStart.correlationId(request.getExchange()));
                HttpServletRequest http = (HttpServletRequest) request.get(AbstractHTTPDestination.HTTP_REQUEST);
                e.setProperty(StepProperties.CLIENT_ADDRESS, RequestClient.of(request).address());
                e.setProperty(StepProperties.CONTENT_TYPE, http == null ? null : http.getContentType());
                e.setProperty(StepProperties.STARTED, RequestStart.startNanos(request.getExchange()));
                e.getIn().setBody(text);
            });
            org.apache.camel.Message answer = exchange.getMessage();
            if (exchange.getException() != null) {
                // the route's problem handler answers every failure: this is a route that lost it
                return Problems.response(Problems.internal(StepProperties.correlationId(exchange)));
            }
            Integer status = answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null) {
                // no step answered: a PIN change that choosePin made has nothing to say; anything else lost its answer
                return "pin-change".equals(action) ? Response.noContent().build()
                        : Problems.response(Problems.internal(StepProperties.correlationId(exchange)));
            }
            String type = answer.getHeader(Exchange.CONTENT_TYPE, "application/json", String.class);
            String json = answer.getBody(String.class);
            return (json == null ? Response.status(status) : Response.status(status).type(type).entity(json)).build();
        } finally {
            MDC.remove(RequestStart.MDC_KEY);
        }
    }

    /** The body as text: RequestSizeLimit bounds it before it gets here. */
    private static String read(InputStream body) {
        try {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // cut off at the size limit, or the client hung up: an unreadable body
        }
    }
}
