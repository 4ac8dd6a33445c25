package org.umpin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.RequestSizeLimit;
import org.umpin.store.StoreException;

/**
 * What the pages answer when JAX-RS refuses a request before any page method runs (an unknown
 * path, a wrong method, a form body past the size bound) and when a page fails: a short page
 * in the browser's language with the status, no stack trace in the answer or the log. An
 * expected refusal is not logged at all; a failure is one line, at ERROR, for the operator.
 */
public final class PageRefusals implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Message request = PhaseInterceptorChain.getCurrentMessage();
        int status = e.getResponse().getStatus();
        if (request != null && request.getExchange().get(RequestSizeLimit.TOO_LARGE) != null) {
            // a chunked form that grew past the pages' bound while JAX-RS read it
            status = 413;
        }
        String words = switch (status) {
            case 404 -> "refused.notFound";
            case 405 -> "refused.method";
            case 413 -> "refused.tooLarge";
            default -> status >= 500 ? "refused.failed" : "refused.bad";
        };
        Response.ResponseBuilder answer = Response.fromResponse(page(request, status, words));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            answer.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return answer.build();
    }

    static Response page(Message request, int status, String words) {
        HttpServletRequest http = request == null ? null : (HttpServletRequest) request.get(AbstractHTTPDestination.HTTP_REQUEST);
        PageText text = PageText.of(http == null ? null : http.getHeader("Accept-Language"));
        return Pages.message(status, new Pages.MessagePage(text, "", null, text.words(words)));
    }

    /** A page that failed: the store or the directory unreachable (503), or anything else (500). */
    public static final class Failures implements ExceptionMapper<RuntimeException> {

        private static final Logger LOG = LoggerFactory.getLogger(PageRefusals.class);

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException refused) {
                return new PageRefusals().toResponse(refused);
            }
            Message request = PhaseInterceptorChain.getCurrentMessage();
            if (e instanceof StoreException) {
                LOG.error("A page could not be served: {}", e.toString());
                return page(request, 503, "signIn.unavailable");
            }
            LOG.error("A page failed", e);
            return page(request, 500, "refused.failed");
        }
    }
}
