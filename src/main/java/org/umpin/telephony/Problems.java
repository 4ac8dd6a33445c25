package org.umpin.telephony;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.HttpRefusal;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.NonExistentMailboxException;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.ResetPinException;
import org.umpin.steps.StepEvents;
import org.umpin.steps.StepProperties;
import org.umpin.store.StoreException;

/**
 * Turns every failure of a telephony route into its problem answer (the route configuration
 * {@code telephony-problems}), audits it, and answers what JAX-RS refuses before any route
 * (an unknown path, a wrong method) the same way.
 */
public final class Problems implements ExceptionMapper<WebApplicationException> {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final StepEvents events;

    public Problems(StepEvents events) {
        this.events = events;
    }

    /** For the JAX-RS runtime only. */
    public Problems() {
        this(null);
    }

    /** The onException step: the exchange's exception becomes its problem answer. */
    public void answer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String correlationId = StepProperties.correlationId(exchange);
        Problem problem = problem(failure, correlationId);
        TelephonyAnswer.send(exchange, problem.status, MEDIA_TYPE, json(problem, correlationId));
        if (events != null) {
            events.refused(exchange, problem.name, problem.status >= 500 ? failure : null);
        }
    }

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Problem problem = switch (status) {
            case 404 -> new Problem(404, "no-such-resource", "No such resource", "The telephony API has no such path.");
            case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", "The path does not take this method.");
            case 406 -> new Problem(406, "not-acceptable", "Not acceptable", "The API answers in JSON only.");
            case 415 -> Problem.unsupportedMediaType();
            default -> new Problem(status, "http-" + status, "Refused", "The request was refused.");
        };
        return response(problem);
    }

    /** At the HTTP layer: the caller's login could not be checked because the store failed. */
    public static void storeFailed(org.apache.cxf.message.Message message, StoreException failure) {
        String correlationId = RequestStart.correlationId(message.getExchange());
        Problem problem = problem(failure, correlationId);
        HttpRefusal.withBody(message, problem.status, MEDIA_TYPE, json(problem, correlationId));
    }

    static Problem problem(Exception failure, String correlationId) {
        if (failure instanceof Problem problem) {
            return problem;
        }
        if (failure instanceof NonExistentMailboxException) {
            return Problem.mailboxNotFound();
        }
        if (failure instanceof PinChangeRefused.LockedOut) {
            return new Problem(423, "locked", "The mailbox is locked out",
                    "Too many failed logons: an administrator must unlock the mailbox, or its PIN be reset.");
        }
        if (failure instanceof PinChangeRefused.WrongPin wrong) {
            return new Problem(403, "wrong-pin", "The current PIN is wrong", "The PIN was not changed.",
                    Map.of("pinReset", wrong.pinReset()));
        }
        if (failure instanceof PinChangeRefused.Refused refused) {
            return new Problem(422, "pin-refused", "The new PIN does not obey the PIN policy",
                    "The PIN was not changed: choose one that breaks none of the rules in violations.",
                    Map.of("violations", refused.words()));
        }
        if (failure instanceof ResetPinException busy) {
            // another change of the mailbox holds it longer than umpin.reset.lock-wait-ms
            return new Problem(503, "busy", "The mailbox is busy", busy.getMessage());
        }
        if (failure instanceof StoreException) {
            LOG.error("Telephony request {} failed: the store: {}", correlationId, failure.toString());
            return new Problem(503, "store-unavailable", "The PIN store cannot be reached",
                    "Nothing was changed. Try again later.");
        }
        LOG.error("Telephony request {} failed", correlationId, failure);
        return internal(correlationId);
    }

    static Problem internal(String correlationId) {
        return new Problem(500, "internal-error", "Internal error",
                "Nothing was changed. Quote the correlation id to the administrator.");
    }

    static Response response(Problem problem) {
        return Response.status(problem.status).type(MEDIA_TYPE).entity(json(problem, null)).build();
    }

    static String json(Problem problem, String correlationId) {
        Map<String, Object> document = problem.document();
        if (correlationId != null && !correlationId.isEmpty()) {
            document.put("correlationId", correlationId);
        }
        return TelephonyAnswer.write(document);
    }
}
