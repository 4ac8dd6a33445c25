package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.TestKeyStore;
import org.umpin.testing.UmpinJar;
import org.umpin.testing.UmpinServer;

/**
 * The packaged jar serves TLS 1.2 and 1.3 only, even in a JVM that would allow TLS 1.0 and 1.1:
 * the jar and the probing client both run with the JDK's own limits lifted.
 */
class TlsIT {

    private static final Path LOOSE = Path.of("target/test-classes/tls/old-protocols-allowed.security").toAbsolutePath();
    private static final Path PROBE = Path.of("target/test-classes/tls/TlsProbe.java").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void onlyTls12And13AreAgreedTo() throws Exception {
        TestKeyStore keys = TestKeyStore.create(temp);
        Map<String, String> env = UmpinJar.env(UmpinJar.fileStore(temp), UmpinServer.freePort());
        env.put("UMPIN_TLS_KEY_STORE", keys.file().toString());
        env.put("UMPIN_TLS_KEY_STORE_PASSWORD", keys.password());
        env.put("JAVA_TOOL_OPTIONS", "-Djava.security.properties=" + LOOSE);
        UmpinJar.Running umpin = UmpinJar.start(Path.of("."), env);
        try {
            String port = env.get("UMPIN_SOAP_PORT");
            assertEquals("TLSv1.3", probe(port, "TLSv1.3"));
            assertEquals("TLSv1.2", probe(port, "TLSv1.2"));
            assertTrue(probe(port, "TLSv1.1").startsWith("refused"), "TLS 1.1");
            assertTrue(probe(port, "TLSv1").startsWith("refused"), "TLS 1.0");
        } finally {
            umpin.process().destroyForcibly();
        }
    }

    private static String probe(String port, String protocol) throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + LOOSE, PROBE.toString(), "127.0.0.1", port, protocol)
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes()).strip();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        return output;
    }
}
