package org.umpin.app;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.main.Main;
import sun.misc.Signal;

/**
 * {@code java -jar target/umpin.jar} runs the service from the repository root;
 * {@code java -jar target/umpin.jar pin verify <login> <pin>} checks a mailbox's PIN;
 * {@code java -jar target/umpin.jar directory import <file.csv>} loads mailboxes into the store;
 * {@code java -jar target/umpin.jar audit --mailbox <login> [--since <when>]} prints its reset attempts.
 */
public final class UmpinApplication {

    /** Read from the working directory, like {@code routes/}, so that an operator edits them in place. */
    public static final String PROPERTIES = "file:config/application.properties";

    private UmpinApplication() {
    }

    public static void main(String... args) throws Exception {
        try {
            configureLogging(Path.of("config"));
        } catch (IllegalArgumentException e) {
            System.err.println("umpin: could not start: " + e.getMessage());
            System.exit(1);
        }
        if (args.length > 0 && "pin".equals(args[0])) {
            System.exit(PinCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "directory".equals(args[0])) {
            System.exit(DirectoryCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "audit".equals(args[0])) {
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        int status;
        try {
            Main main = newMain();
            // SIGTERM and Ctrl-C stop Camel first, gracefully: resets in flight finish while new
            // requests are refused. Only then does the JVM exit and run its shutdown hooks, among
            // them embedded H2's, which would otherwise close the store under those resets.
            for (String signal : List.of("TERM", "INT")) {
                Signal.handle(new Signal(signal), received -> main.completed());
            }
            status = main.run(args);
        } catch (Exception e) {
            System.err.println("umpin: could not start: " + reason(e));
            status = 1;
        }
        // a failed start can leave non-daemon threads behind (Jetty, GreenMail): never hang
        System.exit(status);
    }

    /** umpin's own words when it has them, else the innermost message, which names what went wrong. */
    static String reason(Throwable e) {
        Throwable outer = e;
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof StartupException)) {
            outer = cause;
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof NoSuchFileException missing) {
            message = "no file or folder " + missing.getFile();
        }
        if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
            // config/, routes/ and data/ are relative to the working directory
            message += " (run umpin from the repository root)";
        }
        if (cause instanceof BindException && outer != cause) {
            // "Address already in use" alone does not say which address
            message = outer.getMessage() + ": " + message;
        }
        return message.lines().findFirst().orElse(message);
    }

    /**
     * Log4j reads its configuration when the first logger is made, before Camel reads any
     * setting: umpin.log.format is read here, from the environment or config/application.properties,
     * and config/log4j2.properties (the operator's levels) is laid over the jar's defaults.
     */
    static void configureLogging(Path config) throws IOException {
        String format = Optional.ofNullable(System.getenv("UMPIN_LOG_FORMAT")).orElseGet(() -> {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(config.resolve("application.properties"))) {
                properties.load(reader);
            } catch (IOException missing) {
                // reported by Camel Main, which reads the same file next
            }
            return properties.getProperty("umpin.log.format", "text");
        }).strip();
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("setting umpin.log.format: text or json, not \"" + format + "\"");
        }
        System.setProperty("umpin.log.format", format);
        Path levels = config.resolve("log4j2.properties");
        if (System.getProperty("log4j2.configurationFile") == null && Files.isRegularFile(levels)) {
            System.setProperty("log4j2.configurationFile", "classpath:log4j2.properties," + levels);
        }
    }

    /** The application as Camel Main runs it; tests start it the same way. */
    public static Main newMain() {
        // no classpath scanning: the one configuration class is named, so it runs once
        Main main = new Main();
        main.configure().addConfiguration(UmpinConfiguration.class);
        main.setPropertyPlaceholderLocations(PROPERTIES);
        return main;
    }
}
