package org.umpin.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PinRulesTest {

    static final PinPolicy STRICT = PinPolicy.defaults("default");
    static final PinPolicy LENIENT = new PinPolicy("lenient", 4, Optional.empty(), 1, true, "");

    @ParameterizedTest(name = "{0} with extension {1}: {2}")
    @CsvSource({
        "1234,        , ASCENDING_OR_DESCENDING_RUN",
        "901234,      , ASCENDING_OR_DESCENDING_RUN",
        "865432,      , ASCENDING_OR_DESCENDING_RUN",
        "11111,       , REPEATED_DIGIT",
        "502227,      , REPEATED_DIGIT",
        "121122,      , TOO_FEW_DISTINCT_DIGITS",
        "1212,        , TOO_FEW_DISTINCT_DIGITS",
        "408408,      , REPEATED_GROUP",
        "739739739,   , REPEATED_GROUP",
        "3669712,36697, CONTAINS_EXTENSION",
        "1796637,36697, CONTAINS_EXTENSION",
        "12345,       , TOO_SHORT",
    })
    void commonPatternsAreRefused(String pin, String extension, PinRules.Violation violation) {
        PinPolicy policy = "TOO_SHORT".equals(violation.name()) ? STRICT
                : new PinPolicy("p", 4, Optional.of(60), 5, false, "");
        assertEquals(Optional.of(violation), PinRules.check(pin, policy, extension == null ? "" : extension));
    }

    @ParameterizedTest
    @CsvSource({"135792", "907146", "1357", "125125126", "8213"})
    void ordinaryPinsPass(String pin) {
        assertEquals(Optional.empty(), PinRules.check(pin, new PinPolicy("p", 4, Optional.of(60), 5, false, ""), "36697"));
    }

    @Test
    void commonPatternsPassWhenAllowedButNeverTheExtension() {
        assertEquals(Optional.empty(), PinRules.check("1234", LENIENT, "36697"));
        assertEquals(Optional.empty(), PinRules.check("1111", LENIENT, "36697"));
        assertEquals(Optional.of(PinRules.Violation.CONTAINS_EXTENSION), PinRules.check("3669712", LENIENT, "36697"));
        assertEquals(Optional.of(PinRules.Violation.CONTAINS_EXTENSION), PinRules.check("0079663", LENIENT, "36697"));
    }

    @Test
    void tenThousandGeneratedPinsAreAllValid() {
        PinGenerator generator = new PinGenerator(new SecureRandom());
        Set<String> distinct = new HashSet<>();
        for (PinPolicy policy : new PinPolicy[] {STRICT, new PinPolicy("short", 4, Optional.empty(), 1, false, "")}) {
            for (int i = 0; i < 10_000; i++) {
                String pin = generator.generate(policy, "36697", p -> false).digits();
                assertTrue(obeysPolicy(pin, policy.minPinLength(), "36697"), pin + " breaks the policy");
                distinct.add(pin);
            }
        }
        assertTrue(distinct.size() > 9_000, "PINs repeat far too often: " + distinct.size() + " distinct of 20000");
    }

    @Test
    void generatorAvoidsThePinHistory() {
        PinGenerator generator = new PinGenerator(new SecureRandom());
        PinPolicy fourDigits = new PinPolicy("short", 4, Optional.empty(), 20, false, "");
        Set<String> history = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String pin = generator.generate(fourDigits, "", p -> history.contains(p.digits())).digits();
            assertTrue(history.add(pin), "reused " + pin);
        }
    }

    @Test
    void generationIsBoundedWhenThePolicyCannotBeMet() {
        PinGenerator generator = new PinGenerator(new SecureRandom());
        int[] asked = {0};
        ResetPinException e = assertThrows(ResetPinException.class,
                () -> generator.generate(STRICT, "", p -> ++asked[0] > 0));
        assertTrue(asked[0] <= PinGenerator.MAX_ATTEMPTS);
        assertTrue(e.getMessage().contains("PIN policy"));
    }

    @Test
    void policyRangesAreExchanges() {
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 3, Optional.of(60), 5, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 25, Optional.of(60), 5, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 6, Optional.of(1000), 5, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 6, Optional.of(60), 21, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 6, Optional.of(60), 5, false, "x".repeat(513)));
        new PinPolicy("p", 24, Optional.empty(), 20, true, "x".repeat(512));
    }

    @Test
    void aPinNeverPrintsItsDigits() {
        assertEquals("Pin[******]", new Pin("493817").toString());
    }

    /** The rules written again, independently of PinRules, as an oracle. */
    private static boolean obeysPolicy(String pin, int length, String extension) {
        if (pin.length() != length || !pin.matches("\\d+") || pin.contains(extension)
                || pin.contains(new StringBuilder(extension).reverse())) {
            return false;
        }
        if (pin.matches(".*(\\d)\\1\\1.*") || pin.chars().distinct().count() < 3 || pin.matches("(\\d+)\\1+")) {
            return false;
        }
        for (int i = 0; i + 4 <= pin.length(); i++) {
            String four = pin.substring(i, i + 4);
            if ("0123456789".contains(four) || "9876543210".contains(four)) {
                return false;
            }
        }
        return true;
    }
}
