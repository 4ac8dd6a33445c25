package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.testing.PinMail;
import org.umpin.testing.PostgresServer;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.StoreView;
import org.umpin.testing.UmpinJar.Result;
import org.umpin.testing.UmpinJar.Running;
import org.umpin.testing.UmpinJar;

/**
 * Production as docs/production.md describes it: a PostgreSQL database, the directory imported with
 * {@code directory import}, no demo mailboxes, and the service on it, all through the jar.
 */
class PostgresJarIT {

    @TempDir
    Path temp;

    @Test
    void importTheDirectoryIntoPostgresThenServeResets() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(); ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
            Map<String, String> env = UmpinJar.env(postgres.url(), smtp.port());
            env.put("UMPIN_DB_USER", "postgres");
            env.put("UMPIN_DB_PASSWORD", "");
            env.put("UMPIN_DEMO_MAILBOXES", "");
            Path file = temp.resolve("staff.csv");
            Files.writeString(file, """
                    # login,smtp_address,display_name,password,extension,language,um_enabled,enabled,pin_policy
                    grace,grace@contoso.example,Grace Hopper,s3cret-1,52001,en-US,true,true,default
                    henri,henri@contoso.example,Henri Poincaré,s3cret-2,52002,fr-FR,true,true,strict
                    """, StandardCharsets.UTF_8);

            Result first = UmpinJar.run(Path.of("."), env, "directory", "import", file.toString());
            assertEquals(0, first.status(), first.output() + first.errors());
            assertTrue(first.output().contains("2 added, 0 updated"), first.output());
            Files.writeString(file, Files.readString(file).replace("Grace Hopper", "Grace B. Hopper"));
            Result again = UmpinJar.run(Path.of("."), env, "directory", "import", file.toString());
            assertTrue(again.output().contains("0 added, 2 updated"), again.output());

            Running umpin = UmpinJar.start(Path.of("."), env);
            try {
                HttpResponse<String> response = umpin.client().resetPin("grace", "s3cret-1");
                assertEquals(200, response.statusCode(), response.body());
                StoreView store = new StoreView(postgres.url(), "postgres");
                String pin = PinMail.of(smtp.accepted().get(0)).pin();
                assertTrue(store.isCurrentPin("grace", pin));
                assertEquals("Grace B. Hopper", store.mailbox("grace").displayName());
                assertEquals(401, umpin.client().resetPin("alice", "demo").statusCode(), "no demo mailbox in production");
                assertEquals(0, UmpinJar.run(Path.of("."), env, "pin", "verify", "grace", pin).status());
                Result audit = UmpinJar.run(Path.of("."), env, "audit", "--mailbox", "grace@contoso.example");
                assertEquals(0, audit.status(), audit.errors());
                assertTrue(audit.output().lines().anyMatch(line -> line.contains(" success ") && line.contains(" grace ")),
                        "the audit command reads PostgreSQL too:\n" + audit.output());
            } finally {
                umpin.process().toHandle().destroy();
                umpin.process().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBadDirectoryFileImportsNothingAndSaysWhy() throws Exception {
        Path file = temp.resolve("bad.csv");
        Files.writeString(file, "grace,grace@contoso.example,Grace Hopper\n", StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("UMPIN_DB_URL", "jdbc:h2:file:" + temp.resolve("data/umpin"));

        Result result = UmpinJar.run(Path.of("."), env, "directory", "import", file.toString());

        assertEquals(2, result.status());
        assertTrue(result.lastLine().contains("expected 9 comma-separated columns"), result.lastLine());
    }
}
