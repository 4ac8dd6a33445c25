package org.umpin.soap;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.steps.StepProperties;

/** A mailbox that is not enabled for Unified Messaging has no voice mail settings to read or change. */
public final class CheckUmEnabled implements Processor {

    @Override
    public void process(Exchange exchange) {
        if (!StepProperties.mailbox(exchange).umEnabled()) {
            throw new UserNotUmEnabledException();
        }
    }
}
