package org.umpin.pin;

import java.util.Map;

/** The named PIN policies of the installation; a mailbox names the one it follows. */
public final class PinPolicies {

    public static final String DEFAULT = "default";

    private final Map<String, PinPolicy> byName;

    public PinPolicies(Map<String, PinPolicy> byName) {
        if (!byName.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("the PIN policies must include one named \"" + DEFAULT + "\"");
        }
        this.byName = Map.copyOf(byName);
    }

    public PinPolicy named(String name) {
        PinPolicy policy = byName.get(name == null || name.isBlank() ? DEFAULT : name);
        if (policy == null) {
            throw new ResetPinException("The mailbox's PIN policy is not configured.");
        }
        return policy;
    }
}
