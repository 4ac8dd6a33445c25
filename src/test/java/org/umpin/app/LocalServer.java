package org.umpin.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** What the tests' real servers from Debian's packages (nginx, Postfix) share: being there, starting, stopping. */
final class LocalServer {

    private LocalServer() {
    }

    /**
     * Skips the test when {@code installed} is false, naming the packages to install; in CI,
     * where {@code .ci/run} installs them, fails instead: a skipped test there would hide a gap.
     */
    static void assumeInstalled(boolean installed, String why) {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, why);
        } else if (!installed) {
            throw new IllegalStateException(why + ", in CI");
        }
    }

    static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    /** Waits until {@code port} on 127.0.0.1 takes connections; throws with {@code log} when {@code process} ended or 20 s passed. */
    static void awaitPort(Process process, int port, Callable<String> log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop(process);
                    throw new IllegalStateException("the server did not start: " + log.call());
                }
                Thread.sleep(50);
            }
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
