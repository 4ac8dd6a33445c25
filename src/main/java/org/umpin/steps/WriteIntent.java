package org.umpin.steps;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConstants;
import org.umpin.notify.NotificationComposer;
import org.umpin.observe.Metrics;

/**
 * Commits the intent of the PIN about to be mailed (its address and language, as
 * {@code composeNotification} wrote them), before {@code storePin} writes the PIN and the e-mail
 * goes: the commit after the e-mail deletes it, and one that no commit deleted is a PIN that may
 * have been mailed and never became valid, which routes/pin-corrections.camel.yaml corrects.
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
        Message mail = exchange.getMessage();
        String to = mail.getHeader(MailConstants.MAIL_TO, String.class);
        String language = mail.getHeader("Content-Language", String.class);
        if (to == null || language == null) {
            throw new IllegalStateException("no e-mail to write the intent of: composeNotification comes first");
        }
        long intent = metrics.store("intent", () -> StepProperties.reset(exchange).intend(to, language, clock.instant()));
        mail.setHeader(NotificationComposer.RESET_HEADER, Long.toString(intent)); // its correction, if any, names it
    }
}
