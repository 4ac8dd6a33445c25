package org.umpin.steps;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConstants;
import org.umpin.notify.NotificationComposer;
import org.umpin.notify.PinNotification;

/**
 * Turns the exchange into the e-mail for the camel-mail producer: HTML body with the plain
 * text as its alternative. Every header is dropped first, so nothing of the HTTP request
 * reaches the e-mail's MIME headers. It carries the number of the reset's intent ({@code writeIntent}).
 */
public final class ComposeNotification implements Processor {

    private final NotificationComposer composer;
    private final String from;

    public ComposeNotification(NotificationComposer composer, String from) {
        this.composer = composer;
        this.from = from;
    }

    @Override
    public void process(Exchange exchange) {
        PinNotification mail = composer.compose(StepProperties.mailbox(exchange), StepProperties.policy(exchange),
                StepProperties.pin(exchange));
        // an administrator may have the PIN sent elsewhere (Set-UMMailboxPIN's NotifyEmail)
        toMessage(exchange.getMessage(), mail, from, StepProperties.mailTo(exchange));
        Long intent = exchange.getProperty(StepProperties.INTENT, Long.class);
        if (intent != null) {
            exchange.getMessage().setHeader(NotificationComposer.RESET_HEADER, intent.toString()); // its correction names it
        }
    }

    /** {@code mail} as the message camel-mail sends, to {@code to}; every other header dropped. */
    static void toMessage(Message message, PinNotification mail, String from, String to) {
        message.removeHeaders("*");
        message.setHeader(MailConstants.MAIL_FROM, from);
        message.setHeader(MailConstants.MAIL_TO, to);
        message.setHeader(NotificationComposer.Kind.HEADER, mail.kind().word());
        message.setHeader(MailConstants.MAIL_SUBJECT, mail.subject());
        message.setHeader("Content-Language", mail.language());
        message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, mail.text());
        message.setBody(mail.html());
    }
}
