package org.umpin.observe;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.AuditTrail;
import org.umpin.audit.PinEvent;

/**
 * The one way every door writes its audit rows (the SOAP endpoint's requests and failed logins,
 * the telephony API's answers, the pages' actions, the commands'): one {@link PinEvent} to the
 * {@link AuditTrail}. A row the store cannot take is lost with an ERROR line that names it; the
 * action's own log line is then its only record, and the action's answer does not change.
 */
public final class Audit implements Consumer<PinEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    private final AuditTrail trail;

    public Audit(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void accept(PinEvent event) {
        try {
            trail.record(event);
        } catch (RuntimeException e) {
            LOG.error("The audit row of {} {} on mailbox {} could not be written: {}", event.action(), event.correlationId(),
                    event.mailbox(), e.toString());
        }
    }

    /** The trail itself, for reading it back (the help desk's page, {@code audit}). */
    public AuditTrail trail() {
        return trail;
    }
}
