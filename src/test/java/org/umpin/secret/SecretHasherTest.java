package org.umpin.secret;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    final SecretHasher hasher = new SecretHasher("pepper", 1_000);

    @Test
    void verifiesWhatItHashedAndNothingElse() {
        String hash = hasher.hash("493817");
        assertTrue(hasher.verify("493817", hash));
        assertFalse(hasher.verify("493818", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void hashIsSaltedSelfDescribingAndHoldsNoSecret() {
        String a = hasher.hash("493817");
        String b = hasher.hash("493817");
        assertNotEquals(a, b, "two hashes of one PIN must differ (salt)");
        assertTrue(a.startsWith("$pbkdf2-sha256-hmac$1000$"), a);
        assertFalse(a.contains("493817"));
    }

    @Test
    void theDatabaseAloneIsNotEnough() {
        String hash = hasher.hash("493817");
        assertFalse(new SecretHasher("another pepper", 1_000).verify("493817", hash));
    }

    @Test
    void raisingTheCostKeepsOldHashesValid() {
        String old = hasher.hash("493817");
        assertTrue(new SecretHasher("pepper", 5_000).verify("493817", old));
    }

    @Test
    void malformedHashesNeverVerify() {
        for (String bad : new String[] {null, "", "493817", "$pbkdf2-sha256-hmac$x$y$z", "$md5$1000$AAAA$AAAA",
                "$pbkdf2-sha256-hmac$1000$!!$AAAA"}) {
            assertFalse(hasher.verify("493817", bad), String.valueOf(bad));
        }
    }
}
