package org.umpin.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' sign-in sessions: a random id in an {@code HttpOnly} cookie, the mailbox's login
 * and the form token of the session (against cross-site request forgery), ended by sign-out or
 * after {@code idle} without a request. Held in this instance's memory: several instances
 * behind one address need the balancer to keep a browser on its instance (docs/pages.md).
 */
public final class WebSessions {

    /** A signed-in browser. */
    public record Session(String id, String login, String formToken, Instant lastSeen) {

        /** Whether {@code token} is this session's form token, compared in constant time. */
        public boolean acceptsForm(String token) {
            return token != null && MessageDigest.isEqual(formToken.getBytes(), token.getBytes());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public WebSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session for {@code login}. */
    public Session start(String login) {
        Session session = new Session(random(), login, random(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The session of {@code id}, its idle time restarted; empty when there is none or it has been idle too long. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.lastSeen().plus(idle).isAfter(now));
        return Optional.ofNullable(sessions.computeIfPresent(id,
                (key, s) -> new Session(s.id(), s.login(), s.formToken(), now)));
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public Duration idle() {
        return idle;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
