package org.umpin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The packaged target/umpin.jar as a separate process, the way an operator runs it. */
public final class UmpinJar {

    public static final Path JAR = Path.of("target/umpin.jar").toAbsolutePath();
    public static final long START_SECONDS = 90;

    private UmpinJar() {
    }

    /** An H2 store in a file under {@code dir}, as the service keeps it: open from several processes at once. */
    public static String fileStore(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("data/umpin") + ";AUTO_SERVER=TRUE";
    }

    /**
     * The environment of a jar that serves on a free loopback port, keeps its store at
     * {@code dbUrl}, hashes as the tests do ({@link StoreView}) and mails to {@code smtpPort}
     * instead of its embedded mail server. A mutable copy: a test adds what it needs.
     */
    public static Map<String, String> env(String dbUrl, int smtpPort) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("UMPIN_SOAP_HOST", "127.0.0.1");
        env.put("UMPIN_SOAP_PORT", Integer.toString(UmpinServer.freePort()));
        env.put("UMPIN_DB_URL", dbUrl);
        env.put("UMPIN_HASH_SECRET", StoreView.PEPPER);
        env.put("UMPIN_HASH_ITERATIONS", Integer.toString(StoreView.ITERATIONS));
        env.put("UMPIN_MAIL_EMBEDDED", "false");
        env.put("UMPIN_MAIL_HOST", "127.0.0.1");
        env.put("UMPIN_MAIL_PORT", Integer.toString(smtpPort));
        env.put("UMPIN_MANAGEMENT_HOST", "127.0.0.1");
        env.put("UMPIN_MANAGEMENT_PORT", Integer.toString(UmpinServer.freePort()));
        env.put("UMPIN_THROTTLE_RESETS_PER_HOUR", "1000000");
        return env;
    }

    public record Running(Process process, List<String> lines, SoapClient client, Thread reader) {
        public String output() {
            return String.join("\n", lines);
        }

        /** Every line the process wrote, once it has ended and its output has been read to the end. */
        public List<String> allLines() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** Waits until the output has a line containing {@code text}. */
        public void awaitOutput(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (lines.stream().noneMatch(line -> line.contains(text))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("no line with \"" + text + "\" in:\n" + output());
                    }
                    lines.wait(left);
                }
            }
        }
    }

    /** The log goes to standard output; the reason for a failed start is the last line on standard error. */
    public record Result(int status, String output, String errors) {
        public String lastLine() {
            List<String> lines = errors.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** Starts the service and waits for Camel's "started" line (or the process's end). */
    public static Running start(Path dir, Map<String, String> env) throws Exception {
        return start(builder(dir, env), env);
    }

    /** ... started by {@code builder} (bin/umpin, {@link #launcher}). */
    public static Running start(ProcessBuilder builder, Map<String, String> env) throws Exception {
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                    if (line.contains("(umpin) started")) {
                        started.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            started.complete(false);
        });
        reader.setDaemon(true);
        reader.start();
        if (!started.get(START_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("umpin did not start:\n" + String.join("\n", lines));
        }
        return new Running(process, lines, new SoapClient(Integer.parseInt(env.get("UMPIN_SOAP_PORT"))), reader);
    }

    public static Result run(Path dir, Map<String, String> env, String... args) throws Exception {
        return run(builder(dir, env, args), args);
    }

    /** A command started by {@code builder}, to its end. */
    public static Result run(ProcessBuilder builder, String... args) throws Exception {
        return run(builder, null, args);
    }

    /** A command of the jar with {@code input} on its standard input, which is then closed (a PIN it reads). */
    public static Result withInput(Path dir, Map<String, String> env, String input, String... args) throws Exception {
        return run(builder(dir, env, args), input, args);
    }

    private static Result run(ProcessBuilder builder, String input, String... args) throws Exception {
        Process process = builder.redirectErrorStream(false).start();
        if (input != null) {
            try (java.io.OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        CompletableFuture<String> output = readAll(process.getInputStream());
        CompletableFuture<String> errors = readAll(process.getErrorStream());
        if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("umpin " + String.join(" ", args) + " did not end: it must never hang");
        }
        return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS), errors.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> readAll(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    /** bin/umpin with {@code args}, on this test's JDK and the jar under test. */
    public static ProcessBuilder launcher(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of("bin/umpin").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("UMPIN_JAR", JAR.toString());
        return builder;
    }

    public static ProcessBuilder builder(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder;
    }

}
