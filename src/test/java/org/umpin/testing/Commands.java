package org.umpin.testing;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.umpin.app.StoreConfiguration;
import org.umpin.cli.UmpinApplication;
import picocli.CommandLine;

/** umpin's command line run in-process, with its own streams: a command's status and what it printed. */
public final class Commands {

    public record Run(int status, String out, String err) {
    }

    private Commands() {
    }

    /**
     * A command on {@code umpin}'s store, run as the command line runs it: its settings from
     * system properties, which win over config/application.properties. A command quietens
     * Camel's and umpin's loggers for its own output; this JVM's other tests read them, so their
     * levels are put back.
     */
    public static Run runOn(UmpinServer umpin, String... args) {
        return withInputOn(umpin, "", args);
    }

    /** {@link #runOn(UmpinServer, String...)} with {@code input} as the command's standard input (a PIN it reads). */
    public static Run withInputOn(UmpinServer umpin, String input, String... args) {
        // the service's store and relay: a reset or a set mails through the service's relay
        Map<String, String> store = Map.of("umpin.db.url", umpin.view().url(), "umpin.hash.secret", UmpinServer.PEPPER,
                "umpin.hash.iterations", Integer.toString(UmpinServer.ITERATIONS),
                "umpin.mail.host", umpin.setting("umpin.mail.host"), "umpin.mail.port", umpin.setting("umpin.mail.port"));
        Map<String, Level> levels = new HashMap<>();
        for (String logger : List.of("org.apache.camel", StoreConfiguration.class.getName())) {
            levels.put(logger, LogManager.getLogger(logger).getLevel());
        }
        store.forEach(System::setProperty);
        try {
            return run(input, args);
        } finally {
            store.keySet().forEach(System::clearProperty);
            levels.forEach(Configurator::setLevel);
        }
    }

    /** A command with no store of a test's: help, usage errors. */
    public static Run run(String... args) {
        return run("", args);
    }

    private static Run run(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = UmpinApplication.commandLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }
}
