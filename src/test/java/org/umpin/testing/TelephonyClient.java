package org.umpin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The telephony API over real HTTP, as a voicemail front end calls it: HTTP Basic, JSON in and out. */
public final class TelephonyClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    public TelephonyClient(URI base, String login, String password) {
        this(base, login, password, HTTP);
    }

    /** Through {@code http}: one that trusts a test certificate, say. */
    public TelephonyClient(URI base, String login, String password, HttpClient http) {
        this.http = http;
        this.base = base;
        this.authorization = login == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An answer: its status, its content type, its body (parsed when it is JSON) and every header, as text. */
    public record Answer(int status, String contentType, String body, String headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String text(String member) {
            JsonNode value = json().get(member);
            return value == null || value.isNull() ? null : value.asText();
        }

        /** The problem's stable name: urn:umpin:problem:<name>. */
        public String problem() {
            if (!contentType.startsWith("application/problem+json")) {
                throw new AssertionError("not a problem: " + status + " " + contentType + " " + body);
            }
            return text("type").replace("urn:umpin:problem:", "");
        }
    }

    public Answer logon(String mailbox, String pin) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("mailbox", mailbox);
        body.put("pin", pin);
        return send("POST", "logon", JSON.writeValueAsString(body), "application/json");
    }

    public Answer changePin(String mailbox, String pin, String newPin) throws Exception {
        return send("PUT", "mailboxes/" + mailbox + "/pin", JSON.writeValueAsString(Map.of("pin", pin, "newPin", newPin)),
                "application/json");
    }

    public Answer state(String mailbox) throws Exception {
        return send("GET", "mailboxes/" + mailbox, null, null);
    }

    public Answer send(String method, String path, String body, String contentType) throws Exception {
        return publish(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType);
    }

    /** A body of the publisher's making: a chunked one, say. */
    public Answer publish(String method, String path, HttpRequest.BodyPublisher body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                response.headers().map().toString());
    }
}
