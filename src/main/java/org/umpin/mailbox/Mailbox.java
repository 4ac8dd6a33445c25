package org.umpin.mailbox;

import java.util.Optional;

/**
 * A mailbox as the directory knows it.
 *
 * @param login       the account name, lower case ({@code alice})
 * @param smtpAddress the primary SMTP address, lower case; empty when the mailbox has none
 * @param extension   the telephone extension; empty when none
 * @param language    a BCP 47 tag ({@code en-US}), chooses the e-mail's language
 * @param pinPolicy   the name of the mailbox's PIN policy
 */
public record Mailbox(
        long id,
        String login,
        String displayName,
        Optional<String> smtpAddress,
        String extension,
        String language,
        boolean umEnabled,
        boolean enabled,
        String pinPolicy) {
}
