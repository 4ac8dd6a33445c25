package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.umpin.pin.PinPolicy;

class UmpinSettingsTest {

    static UmpinSettings settings(Map<String, String> values) {
        return new UmpinSettings(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void unsetPolicySettingsAreExchangesDefaults() {
        PinPolicy policy = settings(Map.of("umpin.policies", "default")).policies().named("default");
        assertEquals(PinPolicy.defaults("default"), policy);
    }

    @Test
    void policiesAreReadByName() {
        PinPolicy strict = settings(Map.of("umpin.policies", "default, strict",
                "umpin.policy.strict.min-pin-length", "8",
                "umpin.policy.strict.pin-lifetime-days", "unlimited",
                "umpin.policy.strict.allow-common-patterns", "true")).policies().named("strict");
        assertEquals(8, strict.minPinLength());
        assertEquals(Optional.empty(), strict.pinLifetimeDays());
        assertTrue(strict.allowCommonPatterns());
    }

    @Test
    void badValuesNameTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "umpin.policies", "default", "umpin.policy.default.min-pin-length", "30")).policies());
        assertTrue(e.getMessage().contains("umpin.policy.default.") && e.getMessage().contains("MinPINLength"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("umpin.soap.port", "http")).number("umpin.soap.port", 1, 65535));
        assertEquals("setting umpin.soap.port is not a number: \"http\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("umpin.mail.embedded", "yes")).flag("umpin.mail.embedded"));
        assertTrue(e.getMessage().contains("umpin.mail.embedded"));
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of("umpin.policies", "strict")).policies(),
                "a default policy is required");
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("umpin.policies", "default",
                "umpin.policy.default.pin-history-count", "five")).policies());
        assertEquals("setting umpin.policy.default.pin-history-count is not a number: \"five\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("umpin.hash.secret", " ")).text("umpin.hash.secret"));
        assertEquals("setting umpin.hash.secret is missing or empty", e.getMessage());
    }
}
