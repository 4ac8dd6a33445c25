package org.umpin.steps;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.TooManyResetsException;

/**
 * At most {@code perHour} resets of a mailbox in any hour, counted in the store under the
 * mailbox's lock, so that instances sharing the store share the count: a stolen password or a
 * runaway script cannot flood a mailbox with e-mails. An administrator's reset of another
 * mailbox is not refused (it is counted). 0 means no limit.
 */
public final class LimitResets implements Processor {


    private final int perHour;
    private final Clock clock;

    public LimitResets(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        if (perHour == 0 || StepProperties.administrator(exchange).isPresent()) {
            return;
        }
        if (StepProperties.reset(exchange).resetsSince(clock.instant().minus(Duration.ofHours(1))) >= perHour) {
            throw new TooManyResetsException();
        }
    }
}
