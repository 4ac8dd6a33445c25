package org.umpin.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Exchange's rules and nothing more: refuse-weak-pins off. */
    static final PinPolicy EXCHANGE = new PinPolicy("exchange", 4, Optional.of(60), 5, false, false, "",
            Optional.of(15), Optional.of(5));
    static final PinPolicy EXCHANGE_ALLOWING_PATTERNS = new PinPolicy("exchange", 4, Optional.of(60), 5, true, false, "",
            Optional.of(15), Optional.of(5));
    /** umpin's default: Exchange's rules widened by refuse-weak-pins. */
    static final PinPolicy WEAK_REFUSED = new PinPolicy("p", 4, Optional.of(60), 5, false, "");

    private static String words(String pin, PinPolicy policy, String extension) {
        return String.join(" ", PinRules.refusals(pin, policy, extension == null ? "" : extension).stream()
                .map(PinRules.Refusal::word).toList());
    }

    @ParameterizedTest(name = "{0} with extension {1}: {2}")
    @CsvSource({
        // Set-UMMailboxPolicy: "If set to $false, sequential and repeated numbers and the suffix of the
        // mailbox extension are rejected": every digit steps by the same -1, 0 or +1
        "123456,          , common-pattern",
        "654321,          , common-pattern",
        "111111,          , common-pattern",
        "3456,            , common-pattern",
        "558317,4255558317, contains-extension",
        "8317,  4255558317, contains-extension",
        "4255558317,4255558317, contains-extension",
        "36697,      36697, contains-extension",
    })
    void exchangeRefuses(String pin, String extension, String refused) {
        assertEquals(refused, words(pin, EXCHANGE, extension));
    }

    @ParameterizedTest(name = "{0} with extension {1}")
    @CsvSource({
        "121212,",
        "123457,",
        "112233,",
        "901234,",
        "502227,",
        "408408,",
        "7890123,",       // no wrapping from 9 to 0
        "3669712,36697",  // the extension inside a longer PIN is not its suffix
        "7966312,36697",
        "42555583,4255558317", // the extension's first digits are no suffix
    })
    void exchangeTakes(String pin, String extension) {
        assertEquals("", words(pin, EXCHANGE, extension));
    }

    @Test
    void allowingCommonPatternsLeavesOnlyTheSuffix() {
        // "If set to $true, only the suffix of the mailbox extension is rejected"
        assertEquals("", words("123456", EXCHANGE_ALLOWING_PATTERNS, "4255558317"));
        assertEquals("", words("111111", EXCHANGE_ALLOWING_PATTERNS, "4255558317"));
        assertEquals("contains-extension", words("558317", EXCHANGE_ALLOWING_PATTERNS, "4255558317"));
        assertEquals("contains-extension", words("558317", LENIENT, "4255558317"));
    }

    @ParameterizedTest(name = "{0} with extension {1}: {2}")
    @CsvSource({
        "901234,      , weak-pin",          // a run of 4 inside
        "865432,      , weak-pin",
        "502227,      , weak-pin",          // a digit 3 times in a row
        "121122,      , weak-pin",          // fewer than 3 distinct digits
        "121212,      , weak-pin",
        "408408,      , weak-pin",          // one group repeated
        "739739739,   , weak-pin",
        "123456,      , common-pattern",    // Exchange's own, not named twice
        "3669712,36697, contains-extension",
        "1796637,36697, contains-extension", // reversed
        "558317,4255558317, contains-extension",
        "3669777,36697, weak-pin contains-extension",
        "12345,       , too-short common-pattern",
        "12a456,      , not-digits",
    })
    void refuseWeakPinsWidensExchangesRules(String pin, String extension, String refused) {
        PinPolicy policy = "12345".equals(pin) ? STRICT : WEAK_REFUSED;
        assertEquals(refused, words(pin, policy, extension));
    }

    @ParameterizedTest
    @CsvSource({"135792", "907146", "1357", "125125126", "8213"})
    void ordinaryPinsPass(String pin) {
        assertEquals("", words(pin, WEAK_REFUSED, "36697"));
    }

    @Test
    void commonPatternsPassWhenAllowedButNeverTheExtension() {
        assertEquals("", words("1234", LENIENT, "36697"));
        assertEquals("", words("1111", LENIENT, "36697"));
        assertEquals("contains-extension", words("3669712", LENIENT, "36697"));
        assertEquals("contains-extension", words("0079663", LENIENT, "36697"));
    }

    @Test
    void noSuffixOfAnEmptyExtensionAndNoPatternInAnEmptyPin() {
        assertEquals("", words("582941", EXCHANGE, ""));
        assertEquals("too-short", words("", EXCHANGE, "36697"));
        assertEquals("too-short", words("5", EXCHANGE, "36697"));
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
    void aGeneratedPinIsNeverTheExtensionsSuffix() {
        // draws 558317 (the suffix of 4255558317), then 739146: the generator keeps the second
        SecureRandom scripted = new SecureRandom() {
            private final String digits = "558317" + "739146";
            private int next;

            @Override
            public int nextInt(int bound) {
                return digits.charAt(next++ % digits.length()) - '0';
            }
        };
        PinPolicy sixDigits = new PinPolicy("exchange", 6, Optional.of(60), 5, false, false, "", Optional.of(15),
                Optional.of(5));
        Pin pin = new PinGenerator(scripted).generate(sixDigits, "4255558317", p -> false);
        assertEquals("739146", pin.digits());
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
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 6, Optional.of(60), 5, false, true, "",
                Optional.of(1000), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new PinPolicy("p", 6, Optional.of(60), 5, false, true, "",
                Optional.of(5), Optional.of(5)));
    }

    @Test
    void maxLogonAttemptsUnlimitedNeverLocksAndResetsAtEveryMultiple() {
        // Set-UMMailboxPolicy's MaxLogonAttempts is of the type Unlimited, as LogonFailuresBeforePINReset
        PinPolicy neverLocked = new PinPolicy("p", 6, Optional.of(60), 5, false, true, "", Optional.empty(), Optional.of(5));
        assertFalse(neverLocked.locksOutAfter(999_999));
        assertTrue(neverLocked.resetsPinAfter(5));
        assertTrue(neverLocked.resetsPinAfter(1000));
        assertFalse(neverLocked.resetsPinAfter(1001));
        PinPolicy exchange = PinPolicy.defaults("default");
        assertTrue(exchange.resetsPinAfter(10));
        assertFalse(exchange.resetsPinAfter(15));
        assertTrue(exchange.locksOutAfter(15));
        assertFalse(exchange.locksOutAfter(14));
    }

    @Test
    void aPinNeverPrintsItsDigits() {
        assertEquals("Pin[******]", new Pin("493817").toString());
    }

    /** The rules written again, independently of PinRules, as an oracle. */
    private static boolean obeysPolicy(String pin, int length, String extension) {
        if (pin.length() != length || !pin.matches("\\d+") || pin.contains(extension)
                || pin.contains(new StringBuilder(extension).reverse()) || extension.endsWith(pin)) {
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
