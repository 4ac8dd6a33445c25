package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    /** umpin's own policy setting: two weeks unless set, 0 to 90 days, a bad value names the setting. */
    @Test
    void expiryWarningDaysAreReadPerPolicy() {
        assertEquals(Map.of("default", 14, "strict", 0), settings(Map.of("umpin.policies", "default, strict",
                "umpin.policy.strict.expiry-warning-days", "0")).expiryWarningDays());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "umpin.policies", "default", "umpin.policy.default.expiry-warning-days", "91")).expiryWarningDays());
        assertEquals("setting umpin.policy.default.expiry-warning-days must be 0-90, got 91", e.getMessage());
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
        e = assertThrows(IllegalArgumentException.class, () -> MailConfiguration.Settings.of(settings(Map.of(
                "umpin.mail.security", "tls", "umpin.mail.host", "relay", "umpin.mail.port", "587"))));
        assertEquals("setting umpin.mail.security must be none, starttls or smtps, got \"tls\"", e.getMessage());
    }

    @Test
    void theLogonBoundsAreCheckedAtStartInExchangesWords() {
        PinPolicy unlimited = settings(Map.of("umpin.policies", "default",
                "umpin.policy.default.max-logon-attempts", "3",
                "umpin.policy.default.logon-failures-before-pin-reset", "unlimited")).policies().named("default");
        assertEquals(java.util.Optional.of(3), unlimited.maxLogonAttempts());
        assertEquals(java.util.Optional.empty(), unlimited.logonFailuresBeforePinReset());
        assertTrue(unlimited.locksOutAfter(3) && !unlimited.resetsPinAfter(2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "umpin.policies", "default", "umpin.policy.default.max-logon-attempts", "5",
                "umpin.policy.default.logon-failures-before-pin-reset", "5")).policies());
        assertEquals("setting umpin.policy.default.*: policy default: LogonFailuresBeforePINReset (5) must be lower than "
                + "MaxLogonAttempts (5), or unlimited", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "umpin.policies", "default", "umpin.policy.default.max-logon-attempts", "1000")).policies());
        assertEquals("setting umpin.policy.default.*: policy default: MaxLogonAttempts must be 1-999, got 1000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "umpin.policies", "default", "umpin.policy.default.logon-failures-before-pin-reset", "never")).policies());
        assertEquals("setting umpin.policy.default.logon-failures-before-pin-reset is not a number: \"never\"", e.getMessage());

        // MaxLogonAttempts is of the type Unlimited in Set-UMMailboxPolicy, as LogonFailuresBeforePINReset
        PinPolicy neverLocked = settings(Map.of("umpin.policies", "default",
                "umpin.policy.default.max-logon-attempts", "Unlimited")).policies().named("default");
        assertEquals(java.util.Optional.empty(), neverLocked.maxLogonAttempts());
        assertTrue(!neverLocked.locksOutAfter(100_000) && neverLocked.resetsPinAfter(995));

        PinPolicy weak = settings(Map.of("umpin.policies", "default")).policies().named("default");
        assertTrue(weak.refuseWeakPins() && !weak.allowCommonPatterns(), "umpin's weak PINs are refused by default");
        PinPolicy exchange = settings(Map.of("umpin.policies", "default",
                "umpin.policy.default.refuse-weak-pins", "false")).policies().named("default");
        assertTrue(!exchange.refuseWeakPins(), "exactly Exchange, on request");

        PinPolicy defaults = PinPolicy.defaults("default");
        List<Integer> resets = java.util.stream.IntStream.rangeClosed(1, 20).filter(defaults::resetsPinAfter).boxed().toList();
        assertEquals(List.of(5, 10), resets, "Exchange's defaults: reset at 5 and 10, locked at 15");
        assertTrue(defaults.locksOutAfter(15) && !defaults.locksOutAfter(14));
    }
}
