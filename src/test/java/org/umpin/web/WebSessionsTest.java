package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pages' sessions: random ids, ended by sign-out or by umpin.web.session-idle-minutes without a request. */
class WebSessionsTest {

    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aSessionLivesWhileUsedAndEndsAfterItsIdleTime() {
        WebSessions sessions = new WebSessions(Duration.ofMinutes(15), clock);
        WebSessions.Session alice = sessions.start("alice");
        now = now.plus(Duration.ofMinutes(14));
        assertTrue(sessions.find(alice.id()).isPresent(), "used within 15 minutes");
        now = now.plus(Duration.ofMinutes(14));
        assertTrue(sessions.find(alice.id()).isPresent(), "each request restarts the idle time");
        now = now.plus(Duration.ofMinutes(15));
        assertFalse(sessions.find(alice.id()).isPresent(), "15 minutes without a request end it");
    }

    @Test
    void idsAndFormTokensAreRandomAndSignOutEndsTheSession() {
        WebSessions sessions = new WebSessions(Duration.ofMinutes(15), clock);
        WebSessions.Session one = sessions.start("alice");
        WebSessions.Session two = sessions.start("alice");
        assertNotEquals(one.id(), two.id(), "a new session at each sign-in: none can be fixed in advance");
        assertNotEquals(one.formToken(), two.formToken());
        assertEquals(43, one.id().length(), "256 random bits, base64url");
        assertTrue(one.acceptsForm(one.formToken()));
        assertFalse(one.acceptsForm(two.formToken()));
        assertFalse(one.acceptsForm(null));
        sessions.end(one.id());
        assertFalse(sessions.find(one.id()).isPresent());
        assertTrue(sessions.find(two.id()).isPresent(), "the other sign-in stays");
        assertFalse(sessions.find(null).isPresent());
    }
}
