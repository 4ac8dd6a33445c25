package org.umpin.soap;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.steps.StepProperties;
import org.umpin.voicemail.VoiceMailSetting;
import org.umpin.voicemail.VoiceMailSettings;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * A Set operation: the request's value, checked by the setting's rule (a value that breaks it is
 * an invalid request), stored for the mailbox, and its old and new value handed to the request's
 * audit row.
 */
public final class ChangeVoiceMailSetting implements Processor {

    private final VoiceMailSetting setting;
    private final VoiceMailSettingsStore store;
    private final Clock clock;

    public ChangeVoiceMailSetting(VoiceMailSetting setting, VoiceMailSettingsStore store, Clock clock) {
        this.setting = setting;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String value;
        try {
            value = setting.normalize(exchange.getProperty(StepProperties.VALUE, "", String.class));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        VoiceMailSettings.Change change = store.change(StepProperties.mailbox(exchange).id(), setting, value, clock.instant());
        ResetAttempts.changed(exchange, change);
    }
}
