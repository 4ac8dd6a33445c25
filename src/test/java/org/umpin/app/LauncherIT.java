package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.UmpinJar;

/**
 * bin/umpin, as a user runs it: the service with the recommended options and a class-data
 * archive that its first start makes and its next start uses; a command's arguments and
 * JAVA_OPTS passed on. On this test's JDK (JAVA_HOME), so that CI's Java 17 is what is tested.
 */
class LauncherIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** The JVM's own lines: its unified logging ("[0.046s][warning][aot,codecache,stubs] ..."), its "WARNING: ...". */
    private static final Pattern JVM_NOISE = Pattern.compile("^(\\[\\d+\\.\\d+s\\]\\[|WARNING: )");

    @TempDir
    Path dir;

    private List<String> javaArguments(Process process) {
        // bin/umpin exec's java: the process is the JVM
        return List.of(process.info().arguments().orElseThrow());
    }

    @Test
    void theFirstStartMakesTheArchiveAndTheNextUsesIt() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = UmpinJar.env(UmpinJar.fileStore(dir), SMTP.getSmtp().getPort());
        env.put("JVM_ARCHIVE_DIR", cache.toString());
        env.put("JAVA_OPTS", "-Dumpin.launcher.test=passed-on");

        // from the repository root, as the README says; the store and the archive under the test's folder
        Path root = Path.of(".");
        UmpinJar.Running first = UmpinJar.start(UmpinJar.launcher(root, env), env);
        List<String> firstArguments = javaArguments(first.process());
        assertEquals(200, first.client().resetPin("alice", "demo").statusCode());
        // SIGTERM: the archive is written as the JVM ends. Through its handle: Process.destroy also
        // closes our end of its output, and on Java 25 the JVM writes its cache in a child process
        // that fails on a closed output
        first.process().toHandle().destroy();
        assertTrue(first.process().waitFor(60, TimeUnit.SECONDS));

        assertTrue(firstArguments.containsAll(List.of("-XX:+UseSerialGC", "-Xmx48m", "-Dumpin.launcher.test=passed-on")),
                firstArguments.toString());
        assertTrue(firstArguments.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=") || a.startsWith("-XX:AOTCacheOutput=")),
                firstArguments.toString());
        List<Path> archives;
        try (Stream<Path> files = Files.list(cache)) {
            archives = files.toList();
        }
        assertEquals(1, archives.size(), "one archive, for this jar and this JDK: " + archives);
        String release = Runtime.version().version().stream().map(String::valueOf).collect(Collectors.joining("."));
        assertTrue(archives.get(0).getFileName().toString().contains("-java" + release + "."),
                "named after the JDK's whole version, so that an update makes a new one: " + archives.get(0));
        assertTrue(Files.size(archives.get(0)) > 1_000_000, "a real archive: " + Files.size(archives.get(0)));

        UmpinJar.Running second = UmpinJar.start(UmpinJar.launcher(root, env), env);
        try {
            List<String> secondArguments = javaArguments(second.process());
            assertTrue(secondArguments.contains("-XX:SharedArchiveFile=" + archives.get(0))
                    || secondArguments.contains("-XX:AOTCache=" + archives.get(0)), secondArguments.toString());
            assertEquals(200, second.client().resetPin("alice", "demo").statusCode(), "the archive changes no behaviour");
        } finally {
            second.process().toHandle().destroy();
            second.process().waitFor(60, TimeUnit.SECONDS);
        }
        for (UmpinJar.Running start : List.of(first, second)) {
            assertEquals(List.of(), start.allLines().stream().filter(JVM_NOISE.asPredicate()).toList(),
                    "the JVM's own warnings (the archive's, a library's use of sun.misc.Unsafe) stay out of umpin's log");
        }
    }

    @Test
    void aCommandGetsItsArgumentsAndNoArchive() throws Exception {
        Map<String, String> env = UmpinJar.env(UmpinJar.fileStore(dir), SMTP.getSmtp().getPort());
        env.put("JVM_ARCHIVE_DIR", dir.resolve("cache").toString());

        UmpinJar.Result version = UmpinJar.run(UmpinJar.launcher(dir, env, "--version"), "--version");
        assertEquals(0, version.status(), version.errors());
        assertTrue(version.output().startsWith("umpin "), version.output());
        UmpinJar.Result usage = UmpinJar.run(UmpinJar.launcher(dir, env, "pin", "verify"), "pin", "verify");
        assertEquals(2, usage.status(), "a usage error, passed through: " + usage.errors());
        assertTrue(Files.notExists(dir.resolve("cache")) || Files.list(dir.resolve("cache")).findAny().isEmpty(),
                "a command trains no archive");
    }
}
