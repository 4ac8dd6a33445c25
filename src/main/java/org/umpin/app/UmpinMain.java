package org.umpin.app;

import org.apache.camel.main.Main;

/** The service as Camel Main runs it: {@code serve}, and the tests that start it in-process. */
public final class UmpinMain {

    /** Read from the working directory, like {@code routes/}, so that an operator edits them in place. */
    public static final String PROPERTIES = "file:config/application.properties";

    private UmpinMain() {
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
