package org.umpin.mailbox;

import java.util.Optional;

/**
 * Where umpin finds the callers' mailboxes and checks their passwords: its own store
 * ({@link MailboxDirectory}, the default) or an LDAP directory such as Active Directory
 * ({@link LdapDirectory}). Either way the PIN state stays in umpin's store.
 */
public interface Directory {

    /** The caller's mailbox when the name and password match an enabled account; empty otherwise. */
    Optional<Mailbox> authenticate(String login, String password);

    /** The mailbox the name designates, in any of the accepted forms, without checking a password. */
    Optional<Mailbox> find(String login);
}
