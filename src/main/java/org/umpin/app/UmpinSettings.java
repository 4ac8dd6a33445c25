package org.umpin.app;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.umpin.pin.PinPolicies;
import org.umpin.pin.PinPolicy;
import org.umpin.voicemail.VoiceMailSetting;

/**
 * The {@code umpin.*} settings, typed and checked. Values come from Camel's property
 * placeholders: {@code config/application.properties}, overridden by environment variables
 * ({@code umpin.soap.port} -> {@code UMPIN_SOAP_PORT}). A bad value stops the start with a
 * one-line reason that names the setting.
 */
public final class UmpinSettings {

    private final Function<String, Optional<String>> source;

    public UmpinSettings(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** The settings of {@code context}'s properties: its files, the environment, then the jar's defaults. */
    public static UmpinSettings of(org.apache.camel.CamelContext context) {
        return new UmpinSettings(context.getPropertiesComponent()::resolveProperty);
    }

    /** A required value: missing or blank stops the start. */
    public String text(String key) {
        return source.apply(key).map(String::strip).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("setting " + key + " is missing or empty"));
    }

    /** An optional value, which may be blank. */
    public String text(String key, String fallback) {
        return source.apply(key).map(String::strip).orElse(fallback);
    }

    public int number(String key, int min, int max) {
        String value = text(key);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException("setting " + key + " must be " + min + "-" + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is not a number: \"" + value + "\"");
        }
    }

    /**
     * A required value, read by {@code parse} (one of a few words: {@code starttls}, {@code walk}...);
     * the reason {@code parse} refuses it ("must be ...") is said with the setting's name.
     */
    public <T> T parsed(String key, Function<String, T> parse) {
        String value = text(key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + " " + e.getMessage());
        }
    }

    public boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, got \"" + value + "\"");
        }
        return Boolean.parseBoolean(value);
    }

    /** A comma-separated list of logins, lower case; blank means none. */
    public Set<String> logins(String key) {
        return Arrays.stream(text(key, "").split(",")).map(String::strip).filter(login -> !login.isEmpty())
                .map(login -> login.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The policies named in {@code umpin.policies}, each from {@code umpin.policy.<name>.*}, Exchange's defaults for what is unset. */
    public PinPolicies policies() {
        Map<String, PinPolicy> policies = new HashMap<>();
        for (String name : policyNames()) {
            policies.put(name, policy(name));
        }
        return new PinPolicies(policies);
    }

    /**
     * Each policy's TelephoneAccessNumbers ({@code umpin.policy.<name>.telephone-access-numbers}),
     * the numbers a user dials to reach voice mail, as GetUMProperties answers them; empty when unset.
     */
    public Map<String, String> telephoneAccessNumbers() {
        Map<String, String> numbers = new HashMap<>();
        for (String name : policyNames()) {
            String prefix = "umpin.policy." + name + ".";
            String key = prefix + "telephone-access-numbers";
            String value = text(key, "");
            if (value.length() > 256 || !VoiceMailSetting.isDialable(value)) {
                throw new IllegalArgumentException("setting " + key + " must be telephone numbers (digits, + * # , ; ( ) . -"
                        + " and spaces), 256 characters at most");
            }
            numbers.put(name, value);
        }
        return numbers;
    }

    /**
     * Each policy's {@code umpin.policy.<name>.expiry-warning-days} (0-90, 14 when unset): how many
     * days before its PINs expire they are warned of; 0, never.
     */
    public Map<String, Integer> expiryWarningDays() {
        Map<String, Integer> days = new HashMap<>();
        for (String name : policyNames()) {
            String prefix = "umpin.policy." + name + ".";
            String key = prefix + "expiry-warning-days";
            days.put(name, source.apply(key).isPresent() ? number(key, 0, 90) : DEFAULT_EXPIRY_WARNING_DAYS);
        }
        return days;
    }

    /** umpin's own, not Exchange's: two weeks' notice. */
    static final int DEFAULT_EXPIRY_WARNING_DAYS = 14;

    private List<String> policyNames() {
        return List.of(text("umpin.policies", PinPolicies.DEFAULT).split("\\s*,\\s*"));
    }

    /** Ranges are checked by {@link PinPolicy}, in Exchange's own words. */
    private PinPolicy policy(String name) {
        PinPolicy defaults = PinPolicy.defaults(name);
        String prefix = "umpin.policy." + name + ".";
        boolean unlimited = text(prefix + "pin-lifetime-days", "").equalsIgnoreCase("unlimited");
        boolean neverReset = text(prefix + "logon-failures-before-pin-reset", "").equalsIgnoreCase("unlimited");
        boolean neverLocked = text(prefix + "max-logon-attempts", "").equalsIgnoreCase("unlimited");
        try {
            return new PinPolicy(name,
                    number(prefix + "min-pin-length", defaults.minPinLength()),
                    unlimited ? Optional.empty()
                            : Optional.of(number(prefix + "pin-lifetime-days", defaults.pinLifetimeDays().orElseThrow())),
                    number(prefix + "pin-history-count", defaults.pinHistoryCount()),
                    source.apply(prefix + "allow-common-patterns").isPresent()
                            ? flag(prefix + "allow-common-patterns") : defaults.allowCommonPatterns(),
                    source.apply(prefix + "refuse-weak-pins").isPresent()
                            ? flag(prefix + "refuse-weak-pins") : defaults.refuseWeakPins(),
                    text(prefix + "reset-pin-text", defaults.resetPinText()),
                    neverLocked ? Optional.empty() : Optional.of(number(prefix + "max-logon-attempts",
                            defaults.maxLogonAttempts().orElseThrow())),
                    neverReset ? Optional.empty() : Optional.of(number(prefix + "logon-failures-before-pin-reset",
                            defaults.logonFailuresBeforePinReset().orElseThrow())));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("setting ") ? e
                    : new IllegalArgumentException("setting " + prefix + "*: " + e.getMessage());
        }
    }

    private int number(String key, int fallback) {
        return source.apply(key).isPresent() ? number(key, Integer.MIN_VALUE, Integer.MAX_VALUE) : fallback;
    }
}
