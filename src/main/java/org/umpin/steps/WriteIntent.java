package org.umpin.steps;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.observe.Metrics;

/**
 * Commits the intent of the PIN about to be chosen and mailed (the e-mail's address, the
 * mailbox's language; never the PIN) before anything else of the reset: the commit after the
 * e-mail deletes it, and one that no commit deleted is a PIN that may have been mailed and never
 * became valid, which routes/pin-corrections.camel.yaml corrects. Its number goes on the e-mail
 * ({@code composeNotification}) and on the correction.
 */
public final class WriteIntent implements Processor {

    private final Clock clock;
    private final Metrics metrics;

    public WriteIntent(Clock clock, Metrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        String to = StepProperties.mailTo(exchange);
        String language = StepProperties.mailbox(exchange).language();
        long intent = metrics.store("intent", () -> StepProperties.reset(exchange).intend(to, language, clock.instant()));
        exchange.setProperty(StepProperties.INTENT, intent);
    }
}
