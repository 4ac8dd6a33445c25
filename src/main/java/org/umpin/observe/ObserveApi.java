package org.umpin.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * What the management port serves under {@code /observe}: Camel's health checks (umpin's store
 * and relay checks among them) as Camel Main's own server answered them, {@code {"status":"UP"}}
 * or HTTP 503 and {@code DOWN}, each check with {@code ?exposureLevel=full} (the level also
 * chooses which checks Camel runs and reports); and the Prometheus scrape of the meter registry,
 * in OpenMetrics when the scraper asks for it.
 */
@Path("/")
public final class ObserveApi {

    public static final String PATH = "/observe";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private final PrometheusMeterRegistry meters;

    ObserveApi(CamelContext context, PrometheusMeterRegistry meters) {
        this.context = context;
        this.meters = meters;
    }

    /** Every check: UP when the service both lives and may be sent requests. */
    @GET
    @Path("health")
    public Response health(@QueryParam("exposureLevel") String exposure) {
        return health(HealthCheckHelper.invoke(context, exposure), true, exposure);
    }

    /** Whether the process serves: a restart is the cure when not. */
    @GET
    @Path("health/live")
    public Response live(@QueryParam("exposureLevel") String exposure) {
        return health(HealthCheckHelper.invokeLiveness(context, exposure), false, exposure);
    }

    /** Whether requests may be sent: not while the store or the relay is lost. */
    @GET
    @Path("health/ready")
    public Response ready(@QueryParam("exposureLevel") String exposure) {
        return health(HealthCheckHelper.invokeReadiness(context, exposure), true, exposure);
    }

    @GET
    @Path("metrics")
    public Response metrics(@HeaderParam("Accept") String accept) {
        String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        return Response.ok(meters.scrape(type), type).header("Cache-Control", "no-store").build();
    }

    private static Response health(Collection<HealthCheck.Result> results, boolean readiness, String exposure) {
        boolean up = HealthCheckHelper.isResultsUp(results, readiness);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", up ? "UP" : "DOWN");
        if ("full".equals(exposure)) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (HealthCheck.Result result : results) {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", result.getCheck().getId());
                check.put("status", result.getState().name());
                result.getMessage().ifPresent(message -> check.put("message", message));
                checks.add(check);
            }
            document.put("checks", checks);
        }
        try {
            return Response.status(up ? 200 : 503).type("application/json").header("Cache-Control", "no-store")
                    .entity(JSON.writeValueAsString(document)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request JAX-RS refuses (an unknown path, a POST): its status, not a warning in the log. */
    static final class Refusals implements ExceptionMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException e) {
            return e.getResponse();
        }
    }
}
