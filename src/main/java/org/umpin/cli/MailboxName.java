package org.umpin.cli;

import picocli.CommandLine.Parameters;

/** The {@code <mailbox>} argument of the {@code pin} commands that an administrator runs on any mailbox. */
final class MailboxName {

    @Parameters(index = "0", paramLabel = "<mailbox>", description = "its login, primary SMTP address or extension")
    String name;
}
