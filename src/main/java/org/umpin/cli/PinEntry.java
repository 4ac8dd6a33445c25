package org.umpin.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A PIN the operator gives a command: typed at a prompt that does not echo it, when the command
 * runs at a terminal; else the first line of standard input ({@code printf '%s\n' "$PIN" | umpin
 * pin set alice}). Never an argument, which other users' {@code ps} and the shell's history show.
 */
final class PinEntry {

    private PinEntry() {
    }

    /**
     * The PIN, stripped of surrounding spaces; a usage error when none came. At a terminal it is
     * asked for twice when {@code confirm}, so that a typing slip is not set unseen.
     */
    static String read(CommandSpec spec, String prompt, boolean confirm) {
        InputStream in = ((UmpinApplication) spec.root().userObject()).in();
        Console console = System.console();
        Optional<String> pin = in == System.in && isTerminal(console) ? prompt(console, prompt, confirm, spec)
                : firstLine(in);
        return pin.map(String::strip).filter(p -> !p.isEmpty()).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "no PIN: type it at the prompt, or give it on standard input"));
    }

    private static Optional<String> prompt(Console console, String prompt, boolean confirm, CommandSpec spec) {
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null) {
            return Optional.empty();
        }
        try {
            if (confirm) {
                char[] again = console.readPassword("%s again: ", prompt);
                boolean same = Arrays.equals(first, again);
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
                if (!same) {
                    throw new ParameterException(spec.commandLine(), "the two PINs typed differ");
                }
            }
            return Optional.of(new String(first));
        } finally {
            Arrays.fill(first, ' ');
        }
    }

    private static Optional<String> firstLine(InputStream in) {
        try {
            // not closed: standard input is the process's
            return Optional.ofNullable(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether standard input and output are a terminal: since Java 22 a console exists without one too. */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException before22) {
            return true; // before Java 22, a console exists only at a terminal
        }
    }
}
