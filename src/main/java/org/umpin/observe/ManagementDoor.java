package org.umpin.observe;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.HttpRefusal;
import org.umpin.http.RequestClient;
import org.umpin.http.TrustedProxies;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;

/**
 * Who may read the management port ({@link ObserveApi}): with {@code umpin.management.username}
 * or {@code umpin.management.administrators}, only a client that logs in with HTTP Basic, as
 * that account or as an administrator, under the same failed-login bounds and plain-HTTP rule
 * as the SOAP endpoint; the liveness probe may stay open for an orchestrator.
 */
public final class ManagementDoor extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementDoor.class);
    static final String LIVENESS = ObserveApi.PATH + "/health/live";

    private final LoginCheck logins;
    private final Predicate<Mailbox> administrators;
    private final boolean openLiveness;
    private final boolean allowPlainHttp;
    private final String challenge;

    private ManagementDoor(LoginCheck logins, Predicate<Mailbox> administrators, boolean openLiveness, boolean allowPlainHttp,
                           String realm) {
        super(Phase.RECEIVE);
        this.logins = logins;
        this.administrators = administrators;
        this.openLiveness = openLiveness;
        this.allowPlainHttp = allowPlainHttp;
        this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
    }

    /** Who may read the port: its own account ({@code username}, empty for none), and with {@code administrators} any of them. */
    public record Logins(String username, String password, boolean administrators, boolean openLiveness,
                         boolean allowPlainHttp, String realm) {
    }

    /** The door {@code logins} ask for; empty when they ask for no login. */
    public static Optional<ManagementDoor> of(Logins settings, Directory directory, FailedLogins failedLogins,
                                              VerifiedLogins verified, Predicate<Mailbox> administrators) {
        String username = settings.username();
        boolean admins = settings.administrators();
        if (username.isEmpty() && !admins) {
            return Optional.empty();
        }
        String password = settings.password();
        if (!username.isEmpty() && password.length() < 12) {
            throw new IllegalArgumentException("setting umpin.management.password must be 12 characters or more with"
                    + " umpin.management.username");
        }
        LoginCheck logins = username.isEmpty() ? LoginCheck.of(directory, failedLogins, verified)
                : LoginCheck.of(username, password, admins ? Optional.of(directory) : Optional.empty(), failedLogins, verified);
        return Optional.of(new ManagementDoor(logins, admins ? administrators : mailbox -> false, settings.openLiveness(),
                settings.allowPlainHttp(), settings.realm()));
    }

    @Override
    public void handleMessage(Message message) {
        if (openLiveness && LIVENESS.equals(message.get(Message.REQUEST_URI))) {
            return;
        }
        // the TCP peer: the management port is not behind umpin.proxy.trusted's proxies
        TrustedProxies.Client client = RequestClient.of(message);
        String address = client.address();
        if (!allowPlainHttp && !client.sendsCredentialsSafely()) {
            LOG.warn("A management request from {} over plain HTTP was refused: credentials are accepted only over HTTPS", address);
            HttpRefusal.closing(message, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        AuthorizationPolicy credentials = message.get(AuthorizationPolicy.class);
        if (credentials == null || credentials.getUserName() == null) {
            HttpRefusal.challenge(message, challenge);
            return;
        }
        String login = credentials.getUserName();
        LoginCheck.Outcome outcome;
        try {
            outcome = logins.check(login, credentials.getPassword(), address);
        } catch (StoreException e) {
            LOG.warn("A management login could not be checked: {}", e.getMessage());
            HttpRefusal.closing(message, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (outcome instanceof LoginCheck.Throttled throttled) {
            HttpRefusal.tooManyRequests(message, throttled);
        } else if (outcome instanceof LoginCheck.Failed failed) {
            LOG.warn("Management login failed for {} from {}", failed.user(), address);
            HttpRefusal.challenge(message, challenge);
        } else if (!((LoginCheck.Accepted) outcome).mailbox().map(administrators::test).orElse(true)) {
            // the right password of a mailbox without the administrator role; the service's own account has no mailbox
            LOG.warn("Management request from {} refused: {} does not hold the administrator role", address, login);
            HttpRefusal.closing(message, HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
