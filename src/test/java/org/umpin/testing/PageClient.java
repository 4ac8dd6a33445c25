package org.umpin.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages over plain HTTP, as a browser without script uses them: the session's cookie kept,
 * the form token read from the last page, the page's own Origin on each POST unless a test sends
 * another. For what only the rules of HTTP decide; what a browser decides is {@link Browser}'s.
 */
public final class PageClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI home;
    private final String origin;
    private String cookie;
    private String token;

    public PageClient(UmpinServer umpin) {
        this.home = umpin.endpoint().resolve("/voicemail/");
        this.origin = "http://127.0.0.1:" + umpin.port();
    }

    /** The page's own origin, as a browser on it sends it. */
    public String origin() {
        return origin;
    }

    /** The session's id, as the cookie holds it; null before a sign-in. */
    public String session() {
        return cookie;
    }

    /** Signs in and opens the page; the sign-in's status (303 when it worked). */
    public int signIn(String login, String password) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(home.resolve("sign-in")).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("login", login, "password", password)))));
        answer.headers().firstValue("Set-Cookie").map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).ifPresent(c -> cookie = c);
        if (answer.statusCode() == 303) {
            get("");
        }
        return answer.statusCode();
    }

    /** Another browser holding the same session (a stolen or kept cookie). */
    public PageClient withSession(String id) {
        this.cookie = id;
        return this;
    }

    /** GETs {@code path} under /voicemail/; the form token of the page it shows is kept. */
    public HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(home.resolve(path)).GET());
        Matcher m = TOKEN.matcher(answer.body());
        if (m.find()) {
            token = m.group(1);
        }
        return answer;
    }

    /** A form of the page, with the session's token, from the page's origin. */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return post(path, fields, origin, token);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields, String fromOrigin, String withToken) throws Exception {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (withToken != null) {
            all.put("token", withToken);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(home.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(all)));
        if (fromOrigin != null) {
            request.header("Origin", fromOrigin);
        }
        return send(request);
    }

    public String token() {
        return token;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (cookie != null) {
            request.header("Cookie", "umpin-session=" + cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
