package org.umpin.soap;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.mailbox.Mailbox;
import org.umpin.steps.StepProperties;
import org.umpin.voicemail.VoiceMailSettings;
import org.umpin.voicemail.VoiceMailSettingsStore;

/**
 * GetUMProperties' answer: the mailbox's voice mail settings, and the TelephoneAccessNumbers of
 * its mailbox policy, in the order and the namespace of MS-OXWUMS.
 */
public final class AnswerUmProperties implements Processor {

    private final VoiceMailSettingsStore store;
    /** umpin.policy.&lt;name&gt;.telephone-access-numbers, by policy name. */
    private final Map<String, String> accessNumbers;

    public AnswerUmProperties(VoiceMailSettingsStore store, Map<String, String> accessNumbers) {
        this.store = store;
        this.accessNumbers = Map.copyOf(accessNumbers);
    }

    @Override
    public void process(Exchange exchange) {
        Mailbox mailbox = StepProperties.mailbox(exchange);
        VoiceMailSettings settings = store.of(mailbox.id());
        exchange.getMessage().setBody("<GetUMPropertiesResponse xmlns=\"" + Wsdl.MESSAGES_NS + "\"><GetUMPropertiesResponse>"
                + element("OofStatus", Boolean.toString(settings.oofStatus()))
                + element("MissedCallNotificationEnabled", Boolean.toString(settings.missedCallNotificationEnabled()))
                + element("PlayOnPhoneDialString", settings.playOnPhoneDialString())
                + element("TelephoneAccessNumbers", accessNumbers.getOrDefault(mailbox.pinPolicy(), ""))
                + element("TelephoneAccessFolderEmail", settings.telephoneAccessFolderEmail())
                + "</GetUMPropertiesResponse></GetUMPropertiesResponse>");
    }

    private static String element(String name, String value) {
        String text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<" + name + ">" + text + "</" + name + ">";
    }
}
