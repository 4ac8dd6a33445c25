package org.umpin.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.http.TrustedProxies;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.secret.KeyStoreFile;
import org.umpin.store.StoreException;
import org.umpin.throttle.FailedLogins;
import org.umpin.throttle.LoginCheck;
import org.umpin.throttle.VerifiedLogins;

/**
 * Who may read the management port (Camel Main's server: health, metrics): with
 * {@code umpin.management.username} or {@code umpin.management.administrators}, only a client
 * that logs in with HTTP Basic, as that account or as an administrator, under the same
 * failed-login bounds and plain-HTTP rule as the SOAP endpoint; the liveness probe may stay open
 * for an orchestrator. With {@code umpin.management.tls.key-store}, HTTPS only.
 */
final class ManagementDoor implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementDoor.class);
    static final String LIVENESS = "/observe/health/live";

    private final LoginCheck logins;
    private final Predicate<Mailbox> administrators;
    private final boolean openLiveness;
    private final boolean allowPlainHttp;
    private final String challenge;

    private ManagementDoor(LoginCheck logins, Predicate<Mailbox> administrators, boolean openLiveness, boolean allowPlainHttp,
                           String realm) {
        this.logins = logins;
        this.administrators = administrators;
        this.openLiveness = openLiveness;
        this.allowPlainHttp = allowPlainHttp;
        this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
    }

    /**
     * Puts the {@code umpin.management.*} login and TLS on Camel Main's management server, which
     * is made (not started) before umpin's configuration runs; nothing when there is none (an
     * embedding application's context).
     */
    static void guard(CamelContext context, UmpinSettings settings, Directory directory, FailedLogins failedLogins,
                      VerifiedLogins verified, Predicate<Mailbox> administrators) {
        String username = settings.text("umpin.management.username", "");
        boolean admins = settings.flag("umpin.management.administrators");
        String keyStore = settings.text("umpin.management.tls.key-store", "");
        boolean openLiveness = settings.flag("umpin.management.open-liveness");
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            if (!username.isEmpty() || admins || !keyStore.isEmpty()) {
                LOG.warn("umpin.management.* asks for a login or TLS, but this application runs no Camel Main management server");
            }
            return;
        }
        if (!keyStore.isEmpty()) {
            server.setSslContextParameters(tls(Path.of(keyStore), settings.text("umpin.management.tls.key-store-password", "")));
        }
        if (username.isEmpty() && !admins) {
            return;
        }
        String password = settings.text("umpin.management.password", "");
        if (!username.isEmpty() && password.length() < 12) {
            throw new IllegalArgumentException("setting umpin.management.password must be 12 characters or more with"
                    + " umpin.management.username");
        }
        LoginCheck logins = username.isEmpty() ? LoginCheck.of(directory, failedLogins, verified)
                : LoginCheck.of(username, password, admins ? Optional.of(directory) : Optional.empty(), failedLogins, verified);
        ManagementDoor door = new ManagementDoor(logins, admins ? administrators : mailbox -> false, openLiveness,
                settings.flag("umpin.auth.allow-basic-over-http"), settings.text("umpin.auth.realm"));
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry() {
            @Override
            public Handler<RoutingContext> createAuthenticationHandler(io.vertx.core.Vertx vertx) {
                return door;
            }
        };
        entry.setPath("/*");
        AuthenticationConfig authentication = server.getConfiguration().getAuthenticationConfig();
        authentication.getEntries().add(entry);
        authentication.setEnabled(true);
    }

    private static SSLContextParameters tls(Path keyStore, String password) {
        try {
            KeyStoreFile.keys(keyStore, password); // a clear error now rather than a server that does not start
        } catch (IllegalArgumentException e) {
            throw new StartupException("setting umpin.management.tls.key-store: " + e.getMessage(), e);
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + keyStore.toAbsolutePath());
        store.setPassword(password);
        store.setType("PKCS12");
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(password);
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.getSecureSocketProtocol().addAll(java.util.List.of("TLSv1.3", "TLSv1.2"));
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        tls.setSecureSocketProtocols(protocols);
        return tls;
    }

    @Override
    public void handle(RoutingContext request) {
        if (openLiveness && request.normalizedPath().equals(LIVENESS)) {
            request.next();
            return;
        }
        String address = request.request().remoteAddress() == null ? null : request.request().remoteAddress().hostAddress();
        if (!allowPlainHttp && !new TrustedProxies.Client(address, request.request().isSSL()).sendsCredentialsSafely()) {
            LOG.warn("A management request from {} over plain HTTP was refused: credentials are accepted only over HTTPS", address);
            request.response().setStatusCode(403).putHeader("Connection", "close").end();
            return;
        }
        Optional<String[]> credentials = basic(request.request().getHeader("Authorization"));
        if (credentials.isEmpty()) {
            challenge(request);
            return;
        }
        String login = credentials.get()[0];
        // the password check (a key derivation, the store) and the role (the directory) block: not on the event loop
        request.vertx().<Verdict>executeBlocking(() -> verdict(login, credentials.get()[1], address), false)
                .onComplete(checked -> {
                    if (checked.failed()) {
                        LOG.warn("A management login could not be checked: {}", checked.cause() instanceof StoreException
                                ? checked.cause().getMessage() : checked.cause().toString());
                        request.response().setStatusCode(503).end();
                    } else if (checked.result().outcome() instanceof LoginCheck.Throttled throttled) {
                        request.response().setStatusCode(429).putHeader("Retry-After", throttled.retryAfterHeader()).end();
                    } else if (checked.result().outcome() instanceof LoginCheck.Failed failed) {
                        LOG.warn("Management login failed for {} from {}", failed.user(), address);
                        challenge(request);
                    } else if (checked.result().allowed()) {
                        request.next();
                    } else {
                        LOG.warn("Management request from {} refused: {} does not hold the administrator role", address, login);
                        request.response().setStatusCode(403).end();
                    }
                });
    }

    /** How the login ended, and whether an accepted one may read the port: its own account, or an administrator. */
    private record Verdict(LoginCheck.Outcome outcome, boolean allowed) {
    }

    private Verdict verdict(String login, String password, String address) {
        LoginCheck.Outcome outcome = logins.check(login, password, address);
        return new Verdict(outcome, outcome instanceof LoginCheck.Accepted accepted
                && accepted.mailbox().map(administrators::test).orElse(true));
    }

    private void challenge(RoutingContext request) {
        request.response().setStatusCode(401).putHeader("WWW-Authenticate", challenge).end();
    }

    /** User and password of an {@code Authorization: Basic} header; empty when there is none or it is malformed. */
    private static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
