package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** umpin's management server over real HTTP: /observe/health and /observe/metrics. */
public record Management(int port) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Prometheus scrape, as text. */
    public String metrics() throws Exception {
        HttpResponse<String> response = get("/observe/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /**
     * The value of the sample {@code series} (name and labels exactly as scraped, e.g.
     * {@code umpin_resets_total{fault_code="none",outcome="success"}}), 0 when absent.
     */
    public double sample(String series) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
