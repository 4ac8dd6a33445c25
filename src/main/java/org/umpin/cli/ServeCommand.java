package org.umpin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import org.umpin.app.StartupException;
import org.umpin.app.UmpinMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/**
 * {@code serve}: the service, until SIGTERM or Ctrl-C. Camel Main's own runner options
 * ({@code -duration}, {@code -trace}...) are not taken here: each has a {@code camel.main.*}
 * setting (docs/command-line.md).
 */
@Command(name = "serve",
        header = "Run the service (the same as no command at all).",
        description = {"Serves the SOAP endpoint (umpin.soap.host, umpin.soap.port) and the management port "
                + "(umpin.management.port) until SIGTERM or Ctrl-C, which let the resets in flight finish first.",
            "Reads config/application.properties and routes/*.camel.yaml from the working directory."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:could not start (one line on standard error says why)"})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        try {
            Main main = UmpinMain.newMain();
            // SIGTERM and Ctrl-C stop Camel first, gracefully: resets in flight finish while new
            // requests are refused. Only then does the JVM exit and run its shutdown hooks, among
            // them embedded H2's, which would otherwise close the store under those resets.
            for (String signal : List.of("TERM", "INT")) {
                Signal.handle(new Signal(signal), received -> main.completed());
            }
            return main.run(new String[0]);
        } catch (Exception e) {
            System.err.println("umpin: could not start: " + StartupException.reason(e));
            return 1;
        }
    }
}
