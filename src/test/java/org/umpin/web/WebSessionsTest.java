package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pages' sessions: random ids, ended by sign-out, by umpin.web.session-idle-minutes without a
 * request, by umpin.web.session-lifetime-minutes after the sign-in, and bounded per account and in all.
 */
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

    private WebSessions sessions(int perAccount, int total) {
        return new WebSessions(new WebSessions.Limits(Duration.ofMinutes(15), Duration.ofHours(8), perAccount, total), clock);
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterItsIdleTime() {
        WebSessions sessions = sessions(5, 100);
        WebSessions.Session alice = sessions.start("alice", "v1", false);
        now = now.plus(Duration.ofMinutes(14));
        assertTrue(sessions.find(alice.id()).isPresent(), "used within 15 minutes");
        now = now.plus(Duration.ofMinutes(14));
        assertTrue(sessions.find(alice.id()).isPresent(), "each request restarts the idle time");
        now = now.plus(Duration.ofMinutes(15));
        assertFalse(sessions.find(alice.id()).isPresent(), "15 minutes without a request end it");
    }

    @Test
    void idsAndFormTokensAreRandomAndSignOutEndsTheSession() {
        WebSessions sessions = sessions(5, 100);
        WebSessions.Session one = sessions.start("alice", "v1", false);
        WebSessions.Session two = sessions.start("alice", "v1", false);
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

    @Test
    void anActiveSessionEndsAtItsLifetimeWhateverItsUse() {
        WebSessions sessions = sessions(5, 100);
        WebSessions.Session alice = sessions.start("alice", "v1", false);
        for (int minutes = 10; minutes < 8 * 60; minutes += 10) {
            now = now.plus(Duration.ofMinutes(10));
            assertTrue(sessions.find(alice.id()).isPresent(), "used every 10 minutes, " + minutes + " minutes in");
        }
        now = now.plus(Duration.ofMinutes(10));
        assertFalse(sessions.find(alice.id()).isPresent(), "8 hours after the sign-in it ends, used or not");
        assertEquals(0, sessions.size());
    }

    @Test
    void anAccountKeepsItsNewestSessionsOnlyHoweverOftenItSignsIn() {
        WebSessions sessions = sessions(3, 100_000);
        List<WebSessions.Session> started = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            WebSessions.Session session = sessions.start("alice", "v1", false);
            if (i < 2 || i >= 200_000 - 3) {
                started.add(session);
            }
        }
        assertEquals(3, sessions.size(), "200,000 sign-ins of one account leave its 3 newest sessions");
        assertFalse(sessions.find(started.get(0).id()).isPresent(), "the oldest ended");
        assertFalse(sessions.find(started.get(1).id()).isPresent());
        started.subList(2, 5).forEach(s -> assertTrue(sessions.find(s.id()).isPresent(), "the newest live"));
        WebSessions.Session bob = sessions.start("bob", "v1", false);
        assertTrue(sessions.find(bob.id()).isPresent(), "another account is not held by alice's bound");
        assertEquals(4, sessions.size());
    }

    @Test
    void whenAllPlacesAreTakenTheLeastRecentlyUsedSessionEnds() {
        WebSessions sessions = sessions(5, 3);
        WebSessions.Session alice = sessions.start("alice", "v1", false);
        WebSessions.Session bob = sessions.start("bob", "v1", false);
        WebSessions.Session carol = sessions.start("carol", "v1", false);
        now = now.plusSeconds(1);
        sessions.find(alice.id());
        WebSessions.Session dave = sessions.start("dave", "v1", false);
        assertEquals(3, sessions.size());
        assertFalse(sessions.find(bob.id()).isPresent(), "bob's was the least recently used");
        for (WebSessions.Session live : List.of(alice, carol, dave)) {
            assertTrue(sessions.find(live.id()).isPresent());
        }
    }

    @Test
    void idleSessionsEndWithoutBeingLookedForAndTheAccountsIndexForgetsThem() {
        WebSessions sessions = sessions(2, 100_000);
        for (int i = 0; i < 10_000; i++) {
            sessions.start("user" + i, "v1", false);
        }
        now = now.plus(Duration.ofMinutes(16));
        WebSessions.Session fresh = sessions.start("user0", "v1", false);
        assertEquals(1, sessions.size(), "the idle ones ended at the next sign-in");
        assertTrue(sessions.find(fresh.id()).isPresent());
    }

    @Test
    void aSessionCarriesItsAccountAsSignedInAndOneNoticeForItsOwnPage() {
        WebSessions sessions = sessions(5, 100);
        WebSessions.Session admin = sessions.start("dominique", "hash-1", true);
        assertEquals("dominique", admin.login());
        assertEquals("hash-1", admin.credentialVersion());
        assertTrue(admin.administrator());
        admin.tell(PageNotice.done(PageNotice.Page.HELP_DESK, "desk.unlockDone"));
        assertTrue(admin.takeNotice(PageNotice.Page.VOICE_MAIL).isEmpty(), "the help desk's notice is not the user page's");
        assertEquals("desk.unlockDone", admin.takeNotice(PageNotice.Page.HELP_DESK).orElseThrow().key());
        assertTrue(admin.takeNotice(PageNotice.Page.HELP_DESK).isEmpty(), "said once");
    }
}
