package org.umpin.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The jar's copy of {@code config/application.properties} ({@value #LOCATION}): the value of
 * every {@code umpin.*} setting an application does not give itself, so that an embedding
 * application names only what differs. They come last, after every source Camel knows
 * (the application's properties, Spring's environment, the OS environment).
 */
public final class UmpinDefaults {

    static final String LOCATION = "umpin/application.properties";

    private UmpinDefaults() {
    }

    public static void addTo(PropertiesComponent properties) {
        Properties defaults = new Properties();
        try (InputStream in = UmpinDefaults.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("no " + LOCATION + " on the class path: the umpin jar is incomplete");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : defaults.stringPropertyNames()) {
            if (key.startsWith("umpin.") && properties.resolveProperty(key).isEmpty()) {
                properties.addInitialProperty(key, defaults.getProperty(key));
            }
        }
    }
}
