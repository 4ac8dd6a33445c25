package org.umpin.soap;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.umpin.http.HttpAuthentication;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.ImpersonationDeniedException;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.NonExistentMailboxException;
import org.umpin.steps.StepProperties;
import org.w3c.dom.Element;

/**
 * Finds the mailbox to reset: the authenticated caller's own, or, for a caller holding the
 * administrator role, the one its {@code ExchangeImpersonation} header names
 * ({@link Impersonation}). The caller was authenticated before SOAP processing (by
 * {@link HttpAuthentication} or an embedding servlet container); CXF hands the principal to
 * Camel as the {@link Exchange#AUTHENTICATION} subject.
 */
public final class IdentifyCaller implements Processor {

    private final Directory directory;
    private final Predicate<Mailbox> isAdministrator;

    /** {@code isAdministrator}: whether a caller's mailbox holds the administrator role. */
    public IdentifyCaller(Directory directory, Predicate<Mailbox> isAdministrator) {
        this.directory = directory;
        this.isAdministrator = isAdministrator;
    }

    @Override
    public void process(Exchange exchange) {
        Subject subject = exchange.getIn().getHeader(Exchange.AUTHENTICATION, Subject.class);
        Optional<Principal> principal = Optional.ofNullable(subject).stream()
                .flatMap(s -> s.getPrincipals().stream()).findFirst();
        // umpin's own authentication hands over the mailbox it read; a container's only a name
        Optional<Mailbox> known = principal.filter(HttpAuthentication.MailboxPrincipal.class::isInstance)
                .map(p -> ((HttpAuthentication.MailboxPrincipal) p).mailbox());
        // without a principal the service was deployed without authentication: a setup error, not the caller's
        Mailbox caller = known.or(() -> principal.map(Principal::getName).flatMap(directory::find))
                .orElseThrow(() -> new IllegalStateException("the request reached the route without an authenticated caller"));
        Optional<Impersonation> impersonation = Impersonation.read(soapHeaders(exchange));
        Mailbox mailbox = caller;
        if (impersonation.isPresent()) {
            if (!isAdministrator.test(caller)) {
                throw new ImpersonationDeniedException();
            }
            mailbox = directory.find(impersonation.get().mailbox()).orElseThrow(NonExistentMailboxException::new);
            exchange.setProperty(StepProperties.ADMINISTRATOR, caller);
            impersonation.get().notifyEmail().ifPresent(to -> exchange.setProperty(StepProperties.NOTIFY_EMAIL, to));
        }
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        ResetAttempts.resetting(exchange, mailbox);
    }

    /** The request's impersonation headers, as {@link ImpersonationHeaders} kept them. */
    private static List<Element> soapHeaders(Exchange exchange) {
        org.apache.cxf.message.Message request = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE,
                org.apache.cxf.message.Message.class);
        Object headers = request == null ? null : request.getExchange().get(ImpersonationHeaders.KEY);
        if (!(headers instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }
}
