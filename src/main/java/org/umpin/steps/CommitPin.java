package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.observe.Metrics;
import org.umpin.pin.PinChange;

/** Makes the stored new PIN the mailbox's PIN. It runs after the SMTP server accepted the e-mail. */
public final class CommitPin implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CommitPin.class);

    private final Metrics metrics;

    public CommitPin(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        PinChange reset = StepProperties.reset(exchange);
        boolean answered = metrics.store("commit", reset::commit);
        if (!answered) {
            LOG.warn("ResetPIN {}: the store's answer to the commit was lost; the reset was read back as committed",
                    exchange.getProperty(StepProperties.CORRELATION_ID));
        }
    }
}
