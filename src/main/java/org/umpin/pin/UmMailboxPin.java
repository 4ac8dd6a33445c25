package org.umpin.pin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.umpin.mailbox.Mailbox;

/**
 * A mailbox's PIN state as Exchange's Get-UMMailboxPIN shows it: {@code pinExpired},
 * {@code firstTimeUser}, {@code lockedOut}, and umpin's {@code failedLogons}, {@code pinSetAt},
 * {@code expiresAt} (under the policy as it is now). Never the PIN or its hash. The telephony API answers it, {@code pin show}
 * prints it.
 */
public final class UmMailboxPin {

    private UmMailboxPin() {
    }

    /** The state's members, in the API's order. */
    public static Map<String, Object> state(Mailbox mailbox, Optional<PinStore.PinState> pin, PinPolicy policy, Clock clock) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("mailbox", mailbox.login());
        state.put("extension", mailbox.extension().isEmpty() ? null : mailbox.extension());
        state.put("hasPin", pin.isPresent());
        state.put("pinExpired", pin.map(p -> p.pinExpired(policy, clock.instant())).orElse(false));
        state.put("firstTimeUser", pin.map(PinStore.PinState::firstTimeUser).orElse(false));
        state.put("lockedOut", pin.map(PinStore.PinState::lockedOut).orElse(false));
        state.put("failedLogons", pin.map(PinStore.PinState::failedLogons).orElse(0));
        state.put("pinSetAt", pin.map(p -> p.setAt().toString()).orElse(null));
        state.put("expiresAt", pin.flatMap(p -> p.expiresAt(policy)).map(Object::toString).orElse(null));
        return state;
    }
}
