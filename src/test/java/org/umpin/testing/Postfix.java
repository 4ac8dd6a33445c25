package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Postfix (Debian's package; {@code .ci/run} installs it) as a company's smarthost: on
 * loopback, STARTTLS offered on its submission port and TLS from the first byte on its SMTPS
 * port, AUTH PLAIN/LOGIN over TLS only, against a Cyrus SASL account, relaying what it accepts to
 * the test's GreenMail. Its certificate names {@code localhost} only, so that connecting to
 * {@code 127.0.0.1} is connecting to the wrong host. Its master runs in the foreground as the
 * test's child, with its own configuration and queue folders; it needs root, as Postfix does.
 */
public final class Postfix implements AutoCloseable {

    public static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    public static final String USER = "umpin";
    public static final String PASSWORD = "relay-secret";
    private static final String DOMAIN = "relay.umpin.test";

    private final Process master;
    private final Path dir;
    private final int submissionPort;
    private final int smtpsPort;

    private Postfix(Process master, Path dir, int submissionPort, int smtpsPort) {
        this.master = master;
        this.dir = dir;
        this.submissionPort = submissionPort;
        this.smtpsPort = smtpsPort;
    }

    /** Starts Postfix relaying to {@code greenMailPort}. */
    public static Postfix relayingTo(int greenMailPort) throws Exception {
        LocalServer.assumeInstalled(Files.isExecutable(MASTER) && LocalServer.executable("/usr/sbin/saslpasswd2"),
                "Postfix is not installed (apt-get install postfix sasl2-bin libsasl2-modules; .ci/run does)");
        LocalServer.assumeInstalled("root".equals(System.getProperty("user.name")), "Postfix runs as root only");
        Path dir = Files.createTempDirectory("umpin-postfix-");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(conf.resolve("sasl"));
        Files.createDirectories(dir.resolve("queue"));
        Files.createDirectories(dir.resolve("data"));
        exec(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-keyout", conf.resolve("key.pem").toString(), "-out", conf.resolve("cert.pem").toString());
        int submission = UmpinServer.freePort();
        int smtps = UmpinServer.freePort();
        Files.writeString(conf.resolve("main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                mail_owner = postfix
                setgid_group = postdrop
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                myhostname = %2$s
                mydestination =
                alias_maps =
                alias_database =
                maillog_file = /dev/stdout
                relayhost = [127.0.0.1]:%3$d
                smtp_tls_security_level = none
                smtpd_tls_cert_file = %1$s/conf/cert.pem
                smtpd_tls_key_file = %1$s/conf/key.pem
                smtpd_tls_security_level = may
                smtpd_tls_auth_only = yes
                smtpd_sasl_auth_enable = yes
                smtpd_sasl_type = cyrus
                smtpd_sasl_path = smtpd
                smtpd_relay_restrictions = permit_sasl_authenticated, reject
                """.formatted(dir, DOMAIN, greenMailPort));
        List<String> services = new ArrayList<>(List.of(
                "127.0.0.1:" + submission + " inet n - n - - smtpd",
                "127.0.0.1:" + smtps + " inet n - n - - smtpd -o smtpd_tls_wrappermode=yes"));
        for (String daemon : List.of("pickup unix n - n 60 1", "cleanup unix n - n - 0", "qmgr unix n - n 300 1",
                "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0", "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce", "verify unix - - n - 1", "flush unix n - n 1000? 0",
                "proxymap unix - - n - -", "smtp unix - - n - -", "relay unix - - n - - smtp", "showq unix n - n - -",
                "error unix - - n - -", "retry unix - - n - - error", "discard unix - - n - -", "local unix - n n - -",
                "anvil unix - - n - 1", "scache unix - - n - 1", "postlog unix-dgram n - n - 1 postlogd",
                "tlsmgr unix - - n 1000? 1")) {
            String[] words = daemon.split(" ");
            services.add(daemon + (words.length == 8 ? "" : " " + words[0])); // the command is the service name unless given
        }
        Files.writeString(conf.resolve("master.cf"), String.join("\n", services) + "\n");
        // Debian's Postfix reads <config_directory>/sasl/smtpd.conf
        Files.writeString(conf.resolve("sasl/smtpd.conf"), """
                pwcheck_method: auxprop
                auxprop_plugin: sasldb
                sasldb_path: %s/conf/sasl/sasldb2
                mech_list: PLAIN LOGIN
                """.formatted(dir));
        Process saslpasswd = new ProcessBuilder("/usr/sbin/saslpasswd2", "-c", "-p", "-f",
                conf.resolve("sasl/sasldb2").toString(), "-u", DOMAIN, USER).redirectErrorStream(true).start();
        saslpasswd.getOutputStream().write(PASSWORD.getBytes(StandardCharsets.UTF_8));
        saslpasswd.getOutputStream().close();
        assertEquals(0, saslpasswd.waitFor(), new String(saslpasswd.getInputStream().readAllBytes()));
        Files.setPosixFilePermissions(conf.resolve("sasl/sasldb2"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        // the queue and data folders with Postfix's owners and modes
        exec(dir, "/usr/sbin/postfix", "-c", conf.toString(), "set-permissions");
        exec(dir, "/usr/sbin/postfix", "-c", conf.toString(), "check");
        // the master logs "daemon started" once it listens on every service's port
        Process master = LocalServer.start(new ProcessBuilder(MASTER.toString(), "-c", conf.toString(), "-d"),
                dir.resolve("postfix.log"), "daemon started");
        return new Postfix(master, dir, submission, smtps);
    }

    private static void exec(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** The port that offers STARTTLS (as 587 does). */
    public int submissionPort() {
        return submissionPort;
    }

    /** The port that speaks TLS from the first byte (as 465 does). */
    public int smtpsPort() {
        return smtpsPort;
    }

    /** A PKCS#12 trust store holding the relay's certificate, made with keytool as docs/production.md says. */
    public Path trustStore(String password) throws Exception {
        Path store = dir.resolve("relay-trust.p12");
        if (!Files.exists(store)) {
            exec(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                    "-alias", "relay", "-file", dir.resolve("conf/cert.pem").toString(), "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", password);
        }
        return store;
    }

    /** What Postfix logged so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("postfix.log"));
    }

    @Override
    public void close() throws Exception {
        LocalServer.stop(master, dir);
    }
}
