package org.umpin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.umpin.testing.Commands;

/**
 * The command line's help, version and usage errors, in-process. None of these runs a command,
 * so none opens a store; the commands themselves run as a user runs them in the jar tests
 * (UmpinJarIT, PostgresJarIT, OperationsIT).
 */
class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void theTopLevelHelpListsEveryCommandOnALineOfItsOwn(String option) {
        Commands.Run run = Commands.run(option);
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        for (String command : new String[] {"serve", "pin", "directory", "audit"}) {
            assertTrue(Pattern.compile("(?m)^  " + command + " +\\S").matcher(run.out()).find(), command + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("Without a command, runs the service"), run.out());
        String commands = run.out().substring(run.out().indexOf("Commands:")).split("\\R\\R")[0];
        assertTrue(commands.lines().skip(1).allMatch(line -> line.matches("  [a-z]+ +\\S.*")),
                "one line per command, none wrapped:\n" + commands);
    }

    @Test
    void pinAndPinVerifyDescribeTheirArguments() {
        Commands.Run pin = Commands.run("pin", "--help");
        assertEquals(0, pin.status());
        assertTrue(Pattern.compile("(?m)^  verify +Say whether a PIN").matcher(pin.out()).find(), pin.out());

        Commands.Run verify = Commands.run("pin", "verify", "--help");
        assertEquals(0, verify.status());
        assertTrue(verify.out().contains("Usage: java -jar target/umpin.jar pin verify [-h] <login> [<pin>]"), verify.out());
        assertTrue(Pattern.compile("(?m)^ +<login> +the mailbox").matcher(verify.out()).find(), verify.out());
        assertTrue(Pattern.compile("(?m)^ +\\[<pin>] +the PIN to check").matcher(verify.out()).find(), verify.out());
        assertTrue(verify.out().contains("Exit status:") && verify.out().contains("0   the PIN is the mailbox's current PIN"),
                verify.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve --help", "directory --help", "directory import --help", "audit --help", "help audit"})
    void everyCommandHasHelp(String line) {
        Commands.Run run = Commands.run(line.split(" "));
        assertEquals(0, run.status(), run.err());
        String command = line.replace(" --help", "").replace("help ", "");
        assertTrue(run.out().contains("Usage: java -jar target/umpin.jar " + command + " [-h]"), run.out());
    }

    @Test
    void anUnknownCommandIsAUsageErrorOnStandardError() {
        Commands.Run run = Commands.run("frobnicate");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("umpin: Unmatched argument at index 0: 'frobnicate'"), run.err());
        assertTrue(run.err().contains("Usage: java -jar target/umpin.jar [-hV] [COMMAND]"), run.err());
        assertTrue(run.err().contains("Try 'java -jar target/umpin.jar --help'"), run.err());
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Commands.Run run = Commands.run("direcotry", "import", "x.csv");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("Did you mean: java -jar target/umpin.jar directory"), run.err());
    }

    @Test
    void pinWithoutACommandListsItsCommandsOnStandardError() {
        Commands.Run run = Commands.run("pin");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(Pattern.compile("(?m)^  verify ").matcher(run.err()).find(), run.err());
    }

    @Test
    void missingOrBadArgumentsAreUsageErrorsThatSayWhich() {
        Commands.Run verify = Commands.run("pin", "verify", "alice");
        assertEquals(2, verify.status());
        assertTrue(verify.err().startsWith("umpin: no PIN: type it at the prompt, or give it on standard input"),
                verify.err());

        Commands.Run noMailbox = Commands.run("audit", "--since", "1d");
        assertEquals(2, noMailbox.status());
        assertTrue(noMailbox.err().startsWith("umpin: Missing required option: '--mailbox=<login>'"), noMailbox.err());

        Commands.Run since = Commands.run("audit", "--mailbox", "alice", "--since", "last week");
        assertEquals(2, since.status());
        assertTrue(since.err().startsWith("umpin: Invalid value for option '--since': a date (2026-11-01)"), since.err());

        Commands.Run extra = Commands.run("directory", "import", "a.csv", "b.csv");
        assertEquals(2, extra.status());
        assertTrue(extra.err().contains("'b.csv'"), extra.err());
    }

    @Test
    void theVersionIsTheBuildsOwn() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>umpin</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find());
        for (String option : new String[] {"--version", "-V"}) {
            Commands.Run run = Commands.run(option);
            assertEquals(0, run.status());
            assertTrue(run.out().startsWith("umpin " + pom.group(1) + System.lineSeparator()), run.out());
            assertTrue(run.out().contains("Apache Camel 4.") && run.out().contains("Java "), run.out());
        }
    }
}
