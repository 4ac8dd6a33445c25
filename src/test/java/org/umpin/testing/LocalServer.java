package org.umpin.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** What the tests' real servers from Debian's packages (nginx, Postfix) share: being there, starting, stopping. */
public final class LocalServer {

    private LocalServer() {
    }

    /**
     * Skips the test when {@code installed} is false, naming the packages to install; in CI,
     * where {@code .ci/run} installs them, fails instead: a skipped test there would hide a gap.
     */
    public static void assumeInstalled(boolean installed, String why) {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, why);
        } else if (!installed) {
            throw new IllegalStateException(why + ", in CI");
        }
    }

    public static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    /**
     * Starts {@code command} with its output (standard error included) copied to {@code log},
     * and returns once a line of it contains {@code ready}: the line the server writes after
     * opening its ports. Throws with the log when the process ends first or 20 s pass.
     */
    public static Process start(ProcessBuilder command, Path log, String ready) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread copy = new Thread(() -> {
            try (BufferedReader output = process.inputReader(StandardCharsets.UTF_8);
                 Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    file.write(line + "\n");
                    file.flush();
                    if (line.contains(ready)) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new IllegalStateException("it ended"));
        }, "output of " + command.command().get(0));
        copy.setDaemon(true);
        copy.start();
        try {
            started.get(20, TimeUnit.SECONDS);
            return process;
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("the server did not start (no \"" + ready + "\"): " + Files.readString(log), e);
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Stops the server, then removes the folder it ran in (its configuration, logs, queue). */
    public static void stop(Process process, Path dir) throws InterruptedException, IOException {
        stop(process);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
