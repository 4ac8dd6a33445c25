package org.umpin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.umpin.audit.PinEvent;
import org.umpin.http.RequestStart;

/**
 * The pages' audit rows: one {@link PinEvent} per action, with the request's client and
 * correlation id, to the one audit writer every door uses.
 */
final class PageAudit {

    private final Consumer<PinEvent> audit;
    private final Clock clock;

    PageAudit(Consumer<PinEvent> audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** This request's correlation id, made where every door's requests start ({@link RequestStart}). */
    static String correlationId() {
        return RequestStart.correlationId(PhaseInterceptorChain.getCurrentMessage().getExchange());
    }

    void record(String action, String caller, String mailbox, String outcome, Optional<String> detail, Instant started) {
        record(action, caller, mailbox, outcome, detail, started, Optional.empty());
    }

    void record(String action, String caller, String mailbox, String outcome, Optional<String> detail, Instant started,
                Optional<PinEvent.ValueChange> change) {
        audit.accept(new PinEvent(started, action, caller, mailbox, Optional.ofNullable(PageLogin.client().address()), outcome,
                detail, correlationId(), Duration.between(started, clock.instant()), change));
    }
}
