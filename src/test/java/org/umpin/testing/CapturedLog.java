package org.umpin.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line written while it is attached, as "LEVEL logger message", stack traces included, at DEBUG and above:
 * lower than the service's own INFO, so that a PIN cannot hide one level down.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level previousLevel;

    private CapturedLog() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        Configuration config = context().getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previousLevel = root.getLevel();
        start();
        root.addAppender(this, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        context().updateLoggers();
    }

    public static CapturedLog attach() {
        return new CapturedLog();
    }

    @Override
    public void append(LogEvent event) {
        StringWriter line = new StringWriter();
        line.append(event.getLevel().name()).append(' ').append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            event.getThrown().printStackTrace(new PrintWriter(line));
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerConfig root = context().getConfiguration().getRootLogger();
        root.removeAppender(getName());
        root.setLevel(previousLevel);
        context().updateLoggers();
        stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
