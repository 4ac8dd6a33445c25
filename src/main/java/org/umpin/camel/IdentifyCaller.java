package org.umpin.camel;

import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;

/**
 * Finds the authenticated caller's own mailbox. The caller was authenticated before SOAP
 * processing (by {@link BasicAuthentication} or an embedding servlet container); CXF hands
 * the principal to Camel as the {@link Exchange#AUTHENTICATION} subject.
 */
public final class IdentifyCaller implements Processor {

    private final MailboxDirectory directory;

    public IdentifyCaller(MailboxDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void process(Exchange exchange) {
        Subject subject = exchange.getIn().getHeader(Exchange.AUTHENTICATION, Subject.class);
        Optional<Principal> principal = Optional.ofNullable(subject).stream()
                .flatMap(s -> s.getPrincipals().stream()).findFirst();
        // umpin's own authentication hands over the mailbox it read; a container's only a name
        Optional<Mailbox> known = principal.filter(BasicAuthentication.MailboxPrincipal.class::isInstance)
                .map(p -> ((BasicAuthentication.MailboxPrincipal) p).mailbox());
        // without a principal the service was deployed without authentication: a setup error, not the caller's
        Mailbox mailbox = known.or(() -> principal.map(Principal::getName).flatMap(directory::find))
                .orElseThrow(() -> new IllegalStateException("the request reached the route without an authenticated caller"));
        exchange.setProperty(ResetPinExchange.MAILBOX, mailbox);
    }
}
