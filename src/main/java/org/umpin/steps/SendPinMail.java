package org.umpin.steps;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ExchangeHelper;
import org.umpin.notify.SmtpFailure;
import org.umpin.pin.PinChange;

/**
 * Sends the composed e-mail through {@code direct:pin-mail} (the SMTP step and its retries, in
 * {@code routes/new-pin.camel.yaml}) on a copy of the exchange, and throws here what failed
 * there. Camel lets one error handler deal with an exception: once pin-mail's handler has
 * retried and given up, the calling route's {@code onException} (a SOAP fault, a problem, the
 * failed automatic reset) would not see it. Thrown afresh here, it does. A relay that answered
 * no (or could not be reached) certainly did not take it: the reset's intent is then void.
 */
public final class SendPinMail implements Processor {

    private final ProducerTemplate template;
    /** Found once: by its URI, Camel looked it up again for every e-mail (1 % of a reset's CPU). */
    private final Endpoint pinMail;

    public SendPinMail(ProducerTemplate template) {
        this.template = template;
        this.pinMail = template.getCamelContext().getEndpoint("direct:pin-mail");
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PinChange reset = exchange.getProperty(StepProperties.RESET, PinChange.class);
        if (reset != null) {
            reset.mailing(); // a failure before this point leaves no e-mail to correct
        }
        Exchange mail = template.send(pinMail, ExchangeHelper.createCopy(exchange, true));
        if (mail.getException() != null) {
            if (reset != null && SmtpFailure.isNotTaken(mail.getException())) {
                reset.mailNotTaken(); // its intent is void: no correction needed
            }
            throw mail.getException();
        }
    }
}
