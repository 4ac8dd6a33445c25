package org.umpin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * umpin's command line: {@code java -jar target/umpin.jar} runs the service from the repository
 * root (as does {@code serve}); {@code pin verify}, {@code directory import} and {@code audit}
 * are the operator's tools; {@code --help} on any of them says how.
 */
@Command(name = "java -jar target/umpin.jar", mixinStandardHelpOptions = true,
        versionProvider = UmpinApplication.Version.class,
        header = "umpin: Exchange Unified Messaging's ResetPIN web service, and the tools around it.",
        description = {"Without a command, runs the service, as serve does. Run it from the repository root: it "
                + "reads config/application.properties and routes/*.camel.yaml from the working directory.",
            "Every command uses the same settings (the file, overridden by UMPIN_* environment variables) "
                + "and the same store as the service, and works while the service runs."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:the service could not start, or stopped on an error", "2:a usage error"},
        footer = {"", "Each command has --help. Commands: docs/command-line.md; settings: docs/configuration.md."},
        subcommands = {ServeCommand.class, PinCommand.class, DirectoryCommand.class, AuditCommand.class, HelpCommand.class})
public final class UmpinApplication implements Callable<Integer> {

    /** A command's exit status for a usage, configuration or store error: picocli's own for a usage error. */
    static final int ERROR = CommandLine.ExitCode.USAGE;

    /** Where a command reads a PIN it is given ({@link PinEntry}): standard input, or a test's. */
    private final InputStream in;

    private UmpinApplication(InputStream in) {
        this.in = in;
    }

    InputStream in() {
        return in;
    }

    public static void main(String... args) {
        // a failed start can leave non-daemon threads behind (Jetty, GreenMail): never hang
        System.exit(args.length == 0 ? serve() : commandLine().execute(args));
    }

    /**
     * The launch without arguments, the service's: nothing to parse, so picocli's model of every
     * command is not built. That model costs about 0.1 s of the start-up, and picocli's classes
     * (Java 5 class files) cannot be held by the launcher's class-data archive.
     */
    private static int serve() {
        Integer failed = startLogging(true, new PrintWriter(System.err, true));
        return failed != null ? failed : new ServeCommand().call();
    }

    /** The command line with every command, reading standard input. */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** The command line with every command; tests run it in-process with their own streams. */
    public static CommandLine commandLine(InputStream in) {
        CommandLine cli = new CommandLine(new UmpinApplication(in));
        // "@file" arguments would be read as files of arguments: a login or a path is taken as typed
        cli.setExpandAtFiles(false);
        cli.setExecutionStrategy(UmpinApplication::execute);
        cli.setParameterExceptionHandler(UmpinApplication::usageError);
        layOut(cli);
        return cli;
    }

    /** One layout for every command's help: the terminal's width, a blank line between the parts. */
    private static void layOut(CommandLine command) {
        if (command.getCommandSpec().userObject() instanceof HelpCommand) {
            return; // picocli's own, laid out already
        }
        command.getCommandSpec().usageMessage().autoWidth(true).synopsisHeading("%nUsage: ").descriptionHeading("%n")
                .parameterListHeading("%n").optionListHeading("%n");
        command.getSubcommands().values().forEach(UmpinApplication::layOut);
    }

    /** No command: the service, as {@code serve}. */
    @Override
    public Integer call() {
        return new ServeCommand().call();
    }

    /**
     * Help and the version need nothing; every other command first sets up logging, which Log4j
     * reads when the first logger is made, before any setting is read.
     */
    private static int execute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        boolean serving = parsed.subcommand() == null || parsed.subcommand().commandSpec().userObject() instanceof ServeCommand;
        Integer failed = startLogging(serving, parsed.commandSpec().commandLine().getErr());
        return failed != null ? failed : new CommandLine.RunLast().execute(parsed);
    }

    /** {@link #configureLogging} from config/: null when done, else the exit status after saying why. */
    private static Integer startLogging(boolean serving, PrintWriter err) {
        try {
            configureLogging(Path.of("config"));
            return null;
        } catch (IllegalArgumentException | IOException e) {
            err.println((serving ? "umpin: could not start: " : "umpin: ") + e.getMessage());
            return serving ? 1 : ERROR;
        }
    }

    /** A usage error: what is wrong, the command's synopsis and where to read more; not the whole help. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("umpin: " + e.getMessage());
        if (!(command.getCommandSpec().userObject() instanceof Callable)) {
            // "pin" alone, or with a command it does not have: the commands it has are the answer
            command.usage(err);
            return ERROR;
        }
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + command.getHelp().synopsis(0));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
        return ERROR;
    }

    /** The versions this jar was built with, from the resource Maven fills in. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties versions = new Properties();
            try (InputStream in = UmpinApplication.class.getClassLoader().getResourceAsStream("umpin/version.properties")) {
                if (in != null) {
                    versions.load(in);
                }
            }
            return new String[] {"umpin " + versions.getProperty("umpin", "(unknown version)"),
                "Apache Camel " + versions.getProperty("camel", "?") + ", Apache CXF " + versions.getProperty("cxf", "?"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    /**
     * Log4j reads its configuration when the first logger is made, before Camel reads any
     * setting: umpin.log.format is read here, from the environment or config/application.properties.
     * The jar's log4j2.properties comes first, then for JSON log4j2-json.properties (its appender
     * replaces the text one, so that only the chosen layout is built), then config/log4j2.properties
     * (the operator's levels).
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
        List<String> files = new ArrayList<>(List.of("classpath:log4j2.properties"));
        if (format.equals("json")) {
            files.add("classpath:log4j2-json.properties");
        }
        Path levels = config.resolve("log4j2.properties");
        if (Files.isRegularFile(levels)) {
            files.add(levels.toString());
        }
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", String.join(",", files));
        }
    }
}
