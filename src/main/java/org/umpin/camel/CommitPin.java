package org.umpin.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Makes the stored new PIN the mailbox's PIN. It runs after the SMTP server accepted the e-mail. */
public final class CommitPin implements Processor {

    private final ResetMetrics metrics;

    public CommitPin(ResetMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        metrics.store("commit", ResetPinExchange.reset(exchange)::commit);
    }
}
