package org.umpin.camel;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Optional;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.store.StoreException;

/**
 * HTTP Basic authentication against the mailbox directory, before any SOAP processing, as
 * the hosting web server does for Exchange: no credentials, a wrong password or a disabled
 * account get HTTP 401 with {@code WWW-Authenticate: Basic} and an empty body. {@code GET}
 * (the WSDL) is public.
 */
public final class BasicAuthentication extends AbstractPhaseInterceptor<Message> {

    private static final int MAX_DRAINED_BYTES = 64 * 1024;

    private final MailboxDirectory directory;
    private final String challenge;

    public BasicAuthentication(MailboxDirectory directory, String realm) {
        super(Phase.RECEIVE);
        this.directory = directory;
        this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
    }

    @Override
    public void handleMessage(Message message) {
        if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return;
        }
        AuthorizationPolicy credentials = message.get(AuthorizationPolicy.class);
        Optional<Mailbox> caller;
        try {
            caller = credentials == null || credentials.getUserName() == null ? Optional.empty()
                    : directory.authenticate(credentials.getUserName(), credentials.getPassword());
        } catch (StoreException e) {
            throw ResetPinFaults.internalServerError(e, ResetAttempts.correlationId(message.getExchange()));
        }
        if (caller.isEmpty()) {
            refuse(message);
            return;
        }
        Principal principal = new MailboxPrincipal(caller.get());
        message.put(SecurityContext.class, new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }
        });
    }

    private void refuse(Message message) {
        HttpServletResponse response = HttpRefusal.start(message, HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", challenge);
        try {
            // clients retry with credentials on the same connection: it stays usable only if the
            // unread request body is consumed; a large one is not worth reading
            if (!drain(message.getContent(InputStream.class))) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException clientGone) {
            return; // nothing to tell a client that hung up
        }
        HttpRefusal.send(response);
    }

    /** Reads and drops the request body; false when it is longer than a ResetPIN request can be. */
    private static boolean drain(InputStream body) throws IOException {
        if (body == null) {
            return true;
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            total += n;
            if (total > MAX_DRAINED_BYTES) {
                return false;
            }
        }
        return true;
    }

    /** The caller, with the mailbox just read for the password check, so that identifyCaller need not read it again. */
    record MailboxPrincipal(Mailbox mailbox) implements Principal {

        @Override
        public String getName() {
            return mailbox.login();
        }
    }
}
