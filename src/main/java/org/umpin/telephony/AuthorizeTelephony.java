package org.umpin.telephony;

import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.steps.StepProperties;

/**
 * The telephony API is for voicemail front ends: the caller's login must hold the telephony
 * role or the administrator role; any other login gets a 403 problem. Authentication happened
 * before, at the HTTP layer, as for SOAP.
 */
public final class AuthorizeTelephony implements Processor {

    private final Directory directory;
    private final Predicate<Mailbox> isTelephony;
    private final Predicate<Mailbox> isAdministrator;

    public AuthorizeTelephony(Directory directory, Predicate<Mailbox> isTelephony, Predicate<Mailbox> isAdministrator) {
        this.directory = directory;
        this.isTelephony = isTelephony;
        this.isAdministrator = isAdministrator;
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox caller = StepProperties.caller(exchange);
        if (caller == null) {
            // authenticated by an embedding servlet container: known by name only
            String name = exchange.getProperty(StepProperties.CALLER_NAME, String.class);
            caller = name == null ? null : directory.find(name).orElse(null);
            exchange.setProperty(StepProperties.CALLER, caller);
        }
        if (caller == null || !(isTelephony.test(caller) || isAdministrator.test(caller))) {
            throw Problem.forbidden();
        }
    }
}
