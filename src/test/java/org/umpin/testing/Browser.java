package org.umpin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for the page tests: Debian's headless Chromium, driven by Playwright
 * ({@code src/test/web/driver.mjs}, {@code playwright-core} from npm) one command at a time.
 * The test asserts; the driver only does what it is told. {@code .ci/run} installs both; without
 * them a test is skipped outside CI and fails in it ({@link LocalServer#assumeInstalled}).
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("src/test/web/driver.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process node;
    private final Writer commands;
    private final BufferedReader answers;

    private Browser(Process node) {
        this.node = node;
        this.commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A browser whose pages ask for {@code locale} (Accept-Language) at a window of {@code width} CSS pixels. */
    public static Browser open(String locale, int width) throws IOException {
        return open(locale, width, Map.of(), List.of());
    }

    /**
     * ... with {@code env} in Chromium's environment ({@code KRB5CCNAME}: a Kerberos ticket cache)
     * and {@code switches} on its command line ({@code --auth-server-allowlist=localhost}).
     */
    public static Browser open(String locale, int width, Map<String, String> env, List<String> switches) throws IOException {
        LocalServer.assumeInstalled(Files.isExecutable(CHROMIUM) && Files.isDirectory(Path.of("src/test/web/node_modules/playwright-core")),
                "no /usr/bin/chromium or playwright-core (apt-get install chromium; npm ci --prefix src/test/web)");
        ProcessBuilder builder = new ProcessBuilder("node", DRIVER.toString());
        builder.environment().put("LOCALE", locale);
        builder.environment().put("VIEWPORT_WIDTH", Integer.toString(width));
        builder.environment().putAll(env);
        builder.environment().put("EXTRA_ARGS", String.join(" ", switches));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new Browser(builder.start());
    }

    private JsonNode send(String op, Object... pairs) throws IOException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("op", op);
        for (int i = 0; i < pairs.length; i += 2) {
            command.put((String) pairs[i], pairs[i + 1]);
        }
        commands.write(JSON.writeValueAsString(command) + "\n");
        commands.flush();
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the browser driver ended");
        }
        JsonNode answer = JSON.readTree(line);
        if (!answer.get("ok").asBoolean()) {
            throw new IOException(op + " " + command + ": " + answer.get("error").asText());
        }
        return answer.get("value");
    }

    /** Opens {@code url}; the HTTP status of the page. */
    public int go(String url) throws IOException {
        return send("goto", "url", url).asInt();
    }

    public void fill(String selector, String value) throws IOException {
        send("fill", "selector", selector, "value", value);
    }

    /** Clicks and waits for the page it leads to. */
    public void click(String selector) throws IOException {
        send("click", "selector", selector);
    }

    public void press(String selector, String key) throws IOException {
        send("press", "selector", selector, "key", key);
    }

    public String text(String selector) throws IOException {
        return send("text", "selector", selector).asText().strip();
    }

    public int count(String selector) throws IOException {
        return send("count", "selector", selector).asInt();
    }

    public String url() throws IOException {
        return send("url").asText();
    }

    public String html() throws IOException {
        return send("html").asText();
    }

    /** The id (or name, or tag) of the element that has the keyboard's focus. */
    public String focused() throws IOException {
        return send("focused").asText();
    }

    /** Runs {@code script} in the page, as a user's own browser could; its value as text. */
    public String evaluate(String script) throws IOException {
        return send("evaluate", "script", script).asText();
    }

    public JsonNode cookies() throws IOException {
        return send("cookies");
    }

    /** Puts a cookie back, as a browser that kept it would send it. */
    public void setCookie(String name, String value, String url) throws IOException {
        send("setCookie", "name", name, "value", value, "url", url);
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        send("screenshot", "path", file.toAbsolutePath().toString());
    }

    /** What went wrong in the page since the last call: script errors, refused loads (a CSP violation among them). */
    public List<String> problems() throws IOException {
        return JSON.convertValue(send("problems"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }
}
