package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kerberos KDC, MIT Kerberos from Debian's packages ({@code krb5-kdc},
 * {@code krb5-admin-server}, {@code krb5-user}, which {@code .ci/run} installs), on loopback, in
 * a folder of its own: the realm {@value #REALM}, the users alice, bob, dominique and ivr (password
 * {@value #PASSWORD}), the service principals {@value #SERVICE} (its keytab for umpin) and
 * {@code HTTP/otherhost}. One for the whole test JVM: the JDK reads {@code krb5.conf} once. Its
 * clock skew is one second, so that a ticket of a few seconds' lifetime is expired soon after.
 */
public final class Kdc {

    public static final String REALM = "CONTOSO.EXAMPLE";
    public static final String SERVICE = "HTTP/localhost@" + REALM;
    public static final String PASSWORD = "kerberos-pw";
    private static final String BIN = "/usr/sbin/";
    private static Kdc started;

    private final Path dir;
    private final Process process;

    private Kdc(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** The KDC of this JVM, started at the first call; the test is skipped without MIT Kerberos (it fails in CI). */
    public static synchronized Kdc get() throws Exception {
        LocalServer.assumeInstalled(LocalServer.executable(BIN + "krb5kdc") && LocalServer.executable(BIN + "kdb5_util")
                && LocalServer.executable("/usr/bin/kinit"), "MIT Kerberos is not installed (krb5-kdc krb5-admin-server krb5-user)");
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    LocalServer.stop(started.process, started.dir);
                } catch (Exception ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return started;
    }

    private static Kdc start() throws Exception {
        Path dir = Files.createTempDirectory("umpin-kdc");
        int port = UmpinServer.freePort();
        Files.writeString(dir.resolve("krb5.conf"), """
                [libdefaults]
                 default_realm = %1$s
                 dns_lookup_realm = false
                 dns_lookup_kdc = false
                 rdns = false
                 udp_preference_limit = 1
                 clockskew = 1
                [realms]
                 %1$s = {
                  kdc = 127.0.0.1:%2$d
                 }
                [domain_realm]
                 localhost = %1$s
                 otherhost = %1$s
                """.formatted(REALM, port), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kdc.conf"), """
                [kdcdefaults]
                 kdc_ports = %2$d
                 kdc_tcp_ports = %2$d
                [realms]
                 %1$s = {
                  database_name = %3$s/principal
                  key_stash_file = %3$s/stash
                  acl_file = %3$s/kadm5.acl
                  max_life = 10h
                 }
                [logging]
                 kdc = STDERR
                """.formatted(REALM, port, dir), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kadm5.acl"), "");
        Kdc kdc = new Kdc(dir, null);
        kdc.exec(BIN + "kdb5_util", "create", "-s", "-r", REALM, "-P", "master-" + port);
        for (String user : new String[] {"alice", "bob", "dominique", "ivr"}) {
            kdc.exec(BIN + "kadmin.local", "-q", "addprinc -pw " + PASSWORD + " " + user);
        }
        for (String service : new String[] {"HTTP/localhost", "HTTP/otherhost"}) {
            kdc.exec(BIN + "kadmin.local", "-q", "addprinc -randkey " + service);
        }
        kdc.exec(BIN + "kadmin.local", "-q", "ktadd -k " + dir.resolve("http.keytab") + " HTTP/localhost");
        kdc.exec(BIN + "kadmin.local", "-q", "ktadd -k " + dir.resolve("other.keytab") + " HTTP/otherhost");
        ProcessBuilder daemon = new ProcessBuilder(BIN + "krb5kdc", "-n");
        daemon.environment().putAll(kdc.env());
        Process process = LocalServer.start(daemon, dir.resolve("kdc.log"), "commencing operation");
        // the JDK's Kerberos (the service's acceptor, the tests' own client) reads this file
        System.setProperty("java.security.krb5.conf", dir.resolve("krb5.conf").toString());
        return new Kdc(dir, process);
    }

    /** umpin's settings for this realm: Negotiate then Basic, with {@value #SERVICE}'s keytab. */
    public Map<String, String> umpinSettings() {
        return Map.of("umpin.auth.schemes", "negotiate,basic", "umpin.kerberos.keytab", keytab().toString(),
                "umpin.kerberos.principal", SERVICE);
    }

    /** The keytab of {@value #SERVICE}, for {@code umpin.kerberos.keytab}. */
    public Path keytab() {
        return dir.resolve("http.keytab");
    }

    /** A keytab of another service, {@code HTTP/otherhost}. */
    public Path otherKeytab() {
        return dir.resolve("other.keytab");
    }

    /** The environment of a Kerberos client of this realm: its {@code krb5.conf}, and {@code ccache} as its ticket cache. */
    public Map<String, String> env(Path ccache) {
        Map<String, String> env = env();
        env.put("KRB5CCNAME", "FILE:" + ccache);
        return env;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        return env;
    }

    /** {@code kinit user} with its password, into a new ticket cache of this KDC's folder; {@code lifetime} as kinit's -l ({@code 10h}). */
    public Path kinit(String user, String lifetime) throws Exception {
        Path ccache = Files.createTempFile(dir, "cc-" + user + "-", "");
        Files.delete(ccache);
        ProcessBuilder kinit = new ProcessBuilder("/usr/bin/kinit", "-l", lifetime, user + "@" + REALM).redirectErrorStream(true);
        kinit.environment().putAll(env(ccache));
        Process process = kinit.start();
        process.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "kinit " + user + ": " + output);
        return ccache;
    }

    private void exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
