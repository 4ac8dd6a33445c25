package org.umpin.app;

import org.apache.camel.CamelContext;

/**
 * What one configuration hands the next: the beans it bound in the Camel registry, by the names
 * below. The route files use other names (the steps'); these are umpin's own parts.
 */
public final class Beans {

    public static final String DATA_SOURCE = "umpinDataSource";
    public static final String HASHER = "umpinHasher";
    public static final String PIN_STORE = "umpinPinStore";
    public static final String POLICIES = "umpinPolicies";
    public static final String DIRECTORY = "mailboxDirectory";
    public static final String ROLES = "umpinRoles";
    public static final String LOGINS = "umpinLogins";
    public static final String RELAY = "umpinSmtpRelay";
    public static final String COMPOSER = "umpinMailComposer";
    public static final String METRICS = "umpinMetrics";
    public static final String AUDIT = "umpinAudit";
    public static final String STEP_EVENTS = "umpinStepEvents";
    public static final String HTTP_DOOR = "umpinHttpDoor";
    public static final String AUTHENTICATION = "umpinAuthentication";
    public static final String ATTEMPTS = "umpinAttempts";

    private Beans() {
    }

    /** The bean {@code name}, which an earlier configuration bound: missing, it is umpin's own mistake. */
    public static <T> T get(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean " + name + " (" + type.getSimpleName() + ") in the registry:"
                    + " the configurations ran out of order");
        }
        return bean;
    }
}
