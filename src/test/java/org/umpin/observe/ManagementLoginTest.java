package org.umpin.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.app.StartupException;
import org.umpin.testing.CapturedLog;
import org.umpin.testing.TestKeyStore;
import org.umpin.testing.UmpinServer;

/** umpin.management.*: HTTP Basic and TLS on the management port (health, metrics). */
class ManagementLoginTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final String SCRAPER_PASSWORD = "scrape-me-please-42";

    @TempDir
    Path dir;
    private UmpinServer umpin;
    private int port;

    @AfterEach
    void stop() {
        if (umpin != null) {
            umpin.close();
        }
    }

    private void start(Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("umpin.management.username", "prometheus",
                "umpin.management.password", SCRAPER_PASSWORD));
        settings.putAll(more);
        port = UmpinServer.freePort();
        settings.put("umpin.management.port", Integer.toString(port));
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(), settings);
    }

    @Test
    void overTlsTheScrapersAccountReadsTheMetricsAndNobodyElse() throws Exception {
        TestKeyStore store = TestKeyStore.create(dir);
        try (CapturedLog log = CapturedLog.attach()) {
            start(Map.of("umpin.management.tls.key-store", store.file().toString(),
                    "umpin.management.tls.key-store-password", store.password()));
            HttpClient https = store.client();

            HttpResponse<String> anonymous = get(https, "https", "/observe/metrics", null, null);
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
            assertEquals(401, get(https, "https", "/observe/metrics", "prometheus", "wrong").statusCode());
            HttpResponse<String> scraped = get(https, "https", "/observe/metrics", "prometheus", SCRAPER_PASSWORD);
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.body().contains("umpin_"), "umpin's meters are there");
            assertEquals(401, get(https, "https", "/observe/health/ready", "alice", "demo").statusCode(),
                    "a mailbox is no administrator, and administrators are not let in here");
            assertEquals(200, get(https, "https", "/observe/health/live", null, null).statusCode(), "the liveness probe is open");
            assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), "http", "/observe/health/live", null, null),
                    "HTTPS only");
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(SCRAPER_PASSWORD)), "the password is never logged");
        }
    }

    @Test
    void administratorsMayLogInWithTheirDirectoryPasswordAndNoOneElse() throws Exception {
        start(Map.of("umpin.management.administrators", "true", "umpin.admin.members", "dominique",
                "umpin.management.open-liveness", "false"));
        HttpClient http = HttpClient.newHttpClient();

        assertEquals(200, get(http, "http", "/observe/health", "dominique", "demo").statusCode());
        assertEquals(200, get(http, "http", "/observe/metrics", "prometheus", SCRAPER_PASSWORD).statusCode());
        assertEquals(403, get(http, "http", "/observe/health", "alice", "demo").statusCode(), "the right password, not the role");
        assertEquals(401, get(http, "http", "/observe/health", "dominique", "wrong").statusCode());
        assertEquals(401, get(http, "http", "/observe/health/live", null, null).statusCode(), "the liveness probe closed too");
    }

    @Test
    void failedLoginsAreBoundedAsAtSoap() throws Exception {
        start(Map.of("umpin.throttle.failed-logins-per-user", "2"));
        HttpClient http = HttpClient.newHttpClient();

        assertEquals(401, get(http, "http", "/observe/metrics", "prometheus", "guess-1").statusCode());
        assertEquals(401, get(http, "http", "/observe/metrics", "prometheus", "guess-2").statusCode());
        HttpResponse<String> refused = get(http, "http", "/observe/metrics", "prometheus", SCRAPER_PASSWORD);

        assertEquals(429, refused.statusCode(), "the right password no longer helps");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void aShortPasswordStopsTheStart() {
        Exception e = assertThrows(Exception.class, () -> start(Map.of("umpin.management.password", "short")));
        assertEquals("setting umpin.management.password must be 12 characters or more with umpin.management.username",
                StartupException.reason(e));
    }

    private HttpResponse<String> get(HttpClient client, String scheme, String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
