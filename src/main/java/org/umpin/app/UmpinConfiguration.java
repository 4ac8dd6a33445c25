package org.umpin.app;

import java.util.List;
import java.util.function.Predicate;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.PluginHelper;

/**
 * umpin's beans, by concern, from the {@code umpin.*} settings (those an application leaves out
 * come from the jar's defaults, {@link UmpinDefaults}): each configuration below binds the names
 * the route files use, and hands the next what it needs through the registry ({@link Beans}).
 * The routes themselves are YAML under {@code routes/}, and in the jar under {@code routes/} on
 * the class path for an application that embeds umpin ({@link #addTo}).
 */
public class UmpinConfiguration implements CamelConfiguration {

    /** The route files, as the jar carries them (a copy of routes/). */
    public static final List<String> ROUTES = List.of("classpath:routes/um-legacy.camel.yaml",
            "classpath:routes/reset-pin.camel.yaml",
            "classpath:routes/soap-faults.camel.yaml", "classpath:routes/new-pin.camel.yaml",
            "classpath:routes/telephony.camel.yaml", "classpath:routes/web.camel.yaml",
            "classpath:routes/administrator.camel.yaml", "classpath:routes/pin-corrections.camel.yaml",
            "classpath:routes/expiry-warning.camel.yaml");

    /**
     * The clock of every PIN rule (lifetime, expiry, the hourly reset limit): the system's, unless
     * the registry holds a {@link java.time.Clock} by this name (a test that moves time).
     */
    public static final String CLOCK = "umpinClock";

    /**
     * Embeds umpin in a CamelContext that Camel Main does not run (a plain one, Spring Boot's):
     * binds its beans from the context's properties and loads its routes from the class path.
     * Call it before the context starts. A Camel Main application instead adds this class as a
     * configuration and {@code classpath:routes/*.camel.yaml} to its routes-include-pattern.
     */
    public static void addTo(CamelContext context) throws Exception {
        new UmpinConfiguration().configure(context);
        for (String route : ROUTES) {
            PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(route));
        }
    }

    /** The concerns in the order they need each other: each takes from the registry what those before it bound. */
    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinDefaults.addTo(context.getPropertiesComponent());
        new StoreConfiguration().configure(context);
        // PBKDF2 compiled while the rest starts, on the other core: the first reset came 0.1 s sooner
        Thread warmUp = new Thread(org.umpin.secret.SecretHasher::warmUp, "umpin-hash-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        new DirectoryConfiguration().configure(context);
        new ObserveConfiguration().configure(context);
        new MailConfiguration().configure(context);
        new PinConfiguration().configure(context);
        new ScheduledMailConfiguration().configure(context);
        new ReadinessConfiguration().configure(context);
        context.getRegistry().bind(Beans.HTTP_DOOR, HttpDoor.of(context, HttpDoor.Settings.of(UmpinSettings.of(context))));
        new SoapConfiguration().configure(context);
        new TelephonyConfiguration().configure(context);
        new WebConfiguration().configure(context);
    }

    /** Throws, naming {@code from}, when no route of the context {@code readsFrom} it: a door with nothing behind it. */
    static void requireRoute(CamelContext context, String from, Predicate<Route> readsFrom) {
        if (context.getRoutes().stream().noneMatch(readsFrom)) {
            throw new IllegalStateException("no route reads from " + from + " (" + context.getRoutes().size()
                    + " routes loaded: check camel.main.routes-include-pattern)");
        }
    }
}
