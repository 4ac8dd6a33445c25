package org.umpin.telephony;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinStore;
import org.umpin.steps.StepProperties;

/**
 * The PIN's state, as Exchange's Get-UMMailboxPIN shows it: {@code pinExpired},
 * {@code firstTimeUser}, {@code lockedOut}, and umpin's {@code failedLogons}, {@code pinSetAt},
 * {@code expiresAt}. Never a hash.
 */
public final class ReadPinState implements Processor {

    private final PinStore store;
    private final Clock clock;
    private final TelephonyEvents events;

    public ReadPinState(PinStore store, Clock clock, TelephonyEvents events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox mailbox = StepProperties.mailbox(exchange);
        events.answered(exchange, "ok", Optional.empty());
        TelephonyAnswer.json(exchange, 200, state(mailbox, store.current(mailbox.id()), clock));
    }

    /** The state's members, in the API's order; for the command line's {@code pin show} too. */
    public static Map<String, Object> state(Mailbox mailbox, Optional<PinStore.PinState> pin, Clock clock) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mailbox", mailbox.login());
        state.put("extension", mailbox.extension().isEmpty() ? null : mailbox.extension());
        state.put("hasPin", pin.isPresent());
        state.put("pinExpired", pin.map(p -> p.pinExpired(clock.instant())).orElse(false));
        state.put("firstTimeUser", pin.map(PinStore.PinState::firstTimeUser).orElse(false));
        state.put("lockedOut", pin.map(PinStore.PinState::lockedOut).orElse(false));
        state.put("failedLogons", pin.map(PinStore.PinState::failedLogons).orElse(0));
        state.put("pinSetAt", pin.map(p -> p.setAt().toString()).orElse(null));
        state.put("expiresAt", pin.flatMap(PinStore.PinState::expiresAt).map(Object::toString).orElse(null));
        return state;
    }
}
