package org.umpin.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pages' sign-in sessions: a random id in an {@code HttpOnly} cookie, the account as it was
 * at sign-in (its login, its credential version, whether it held the administrator role) and the
 * session's form token (against cross-site request forgery). A session ends at sign-out, after
 * {@link Limits#idle} without a request, {@link Limits#lifetime} after its sign-in whatever its
 * use, when its account signs in more than {@link Limits#perAccount} times (the oldest ends),
 * and, with {@link Limits#total} sessions alive, when a new one needs its place (the least
 * recently used ends). Finding a session costs the same however many there are. Held in this
 * instance's memory: several instances behind one address need the balancer to keep a browser
 * on its instance (docs/pages.md).
 */
public final class WebSessions {

    /** The bounds every session lives within. */
    public record Limits(Duration idle, Duration lifetime, int perAccount, int total) {
    }

    /** A signed-in browser. */
    public static final class Session {

        private final String id;
        private final String login;
        private final String credentialVersion;
        private final boolean administrator;
        private final String formToken;
        private final Instant started;
        private Instant lastSeen;
        private final AtomicReference<PageNotice> notice = new AtomicReference<>();

        private Session(String login, String credentialVersion, boolean administrator, Instant started) {
            this.id = random();
            this.login = login;
            this.credentialVersion = credentialVersion;
            this.administrator = administrator;
            this.formToken = random();
            this.started = started;
            this.lastSeen = started;
        }

        public String id() {
            return id;
        }

        /** The mailbox's login, as the directory knows it. */
        public String login() {
            return login;
        }

        /** The account's credential version at sign-in: a later one means its password changed. */
        public String credentialVersion() {
            return credentialVersion;
        }

        /** Whether the account held the administrator role at sign-in: a session keeps it only while the account does. */
        public boolean administrator() {
            return administrator;
        }

        public String formToken() {
            return formToken;
        }

        /** Whether {@code token} is this session's form token, compared in constant time. */
        public boolean acceptsForm(String token) {
            return token != null && MessageDigest.isEqual(formToken.getBytes(), token.getBytes());
        }

        /** What the next page of this session says, once: the outcome of what the session just did. */
        public void tell(PageNotice next) {
            notice.set(next);
        }

        /** The notice told last, when {@code page} is the one to show it, which it is then gone from; empty otherwise. */
        public Optional<PageNotice> takeNotice(PageNotice.Page page) {
            PageNotice told = notice.get();
            return told != null && told.page() == page && notice.compareAndSet(told, null) ? Optional.of(told) : Optional.empty();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Limits limits;
    private final Clock clock;
    /** In order of use, the least recently used first: the idle ones are found at its head. */
    private final LinkedHashMap<String, Session> byId = new LinkedHashMap<>(16, 0.75f, true);
    /** Each account's sessions, the oldest first. */
    private final Map<String, Deque<Session>> byAccount = new HashMap<>();

    public WebSessions(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A new session for the account {@code login} as it is now. */
    public synchronized Session start(String login, String credentialVersion, boolean administrator) {
        Instant now = clock.instant();
        endIdle(now);
        Session session = new Session(login, credentialVersion, administrator, now);
        Deque<Session> own = byAccount.computeIfAbsent(login, key -> new ArrayDeque<>());
        while (own.size() >= limits.perAccount()) {
            remove(own.peekFirst());
        }
        while (byId.size() >= limits.total()) {
            remove(byId.values().iterator().next());
        }
        byId.put(session.id, session);
        byAccount.computeIfAbsent(login, key -> new ArrayDeque<>()).addLast(session);
        return session;
    }

    /** The session of {@code id}, its idle time restarted; empty when there is none, or it has ended. */
    public synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        endIdle(now);
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!now.isBefore(session.started.plus(limits.lifetime()))) {
            remove(session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public synchronized void end(String id) {
        if (id != null && byId.containsKey(id)) {
            remove(byId.get(id));
        }
    }

    /** How many sessions live. */
    public synchronized int size() {
        return byId.size();
    }

    public Limits limits() {
        return limits;
    }

    /** Ends the sessions idle too long: from the least recently used, until one is not, so each is looked at once. */
    private void endIdle(Instant now) {
        for (Iterator<Session> oldest = byId.values().iterator(); oldest.hasNext(); ) {
            Session session = oldest.next();
            if (now.isBefore(session.lastSeen.plus(limits.idle()))) {
                return;
            }
            oldest.remove();
            forget(session);
        }
    }

    private void remove(Session session) {
        byId.remove(session.id);
        forget(session);
    }

    private void forget(Session session) {
        Deque<Session> own = byAccount.get(session.login);
        if (own != null) {
            own.remove(session);
            if (own.isEmpty()) {
                byAccount.remove(session.login);
            }
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
