package org.umpin.telephony;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.PinLogon;
import org.umpin.steps.CheckPin;
import org.umpin.steps.StepEvents;
import org.umpin.steps.StepProperties;

/**
 * Commits what the logon counted (unless its automatic reset already did) and answers it:
 * {@code ok} with {@code mustChange}, {@code reason} and {@code expiresAt}; {@code wrong} with
 * {@code pinReset}; or {@code locked}.
 */
public final class AnswerLogon implements Processor {

    private final StepEvents events;

    public AnswerLogon(StepEvents events) {
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        PinLogon logon = StepProperties.logon(exchange);
        CheckPin.commitCounted(exchange);
        boolean pinReset = exchange.getProperty(StepProperties.PIN_RESET, false, Boolean.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", logon.result().word());
        Optional<String> detail = Optional.empty();
        switch (logon.result()) {
            case OK -> {
                answer.put("mustChange", logon.mustChange().isPresent());
                logon.mustChange().ifPresent(why -> answer.put("reason", why.word()));
                answer.put("expiresAt", logon.expiresAt().map(Object::toString).orElse(null));
                detail = logon.mustChange().map(why -> "must-change-" + why.word());
            }
            case WRONG -> {
                answer.put("pinReset", pinReset);
                detail = pinReset ? Optional.of("pin-reset") : Optional.empty();
            }
            case LOCKED -> { }
        }
        events.answered(exchange, logon.result().word(), detail);
        TelephonyAnswer.json(exchange, 200, answer);
    }
}
