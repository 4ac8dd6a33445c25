package org.umpin.mailbox;

import java.util.List;
import java.util.Optional;

/**
 * Where umpin finds the callers' mailboxes and checks their passwords: its own store
 * ({@link MailboxDirectory}, the default) or an LDAP directory such as Active Directory
 * ({@link LdapDirectory}). Either way the PIN state stays in umpin's store.
 */
public interface Directory {

    /** An account found by name, its password not checked yet. */
    interface Account {

        Mailbox mailbox();

        /** The mailbox when the password is the account's and the account is enabled; empty otherwise. */
        Optional<Mailbox> authenticate(String password);

        /**
         * What changes when the account's password changes (its stored hash; a directory's
         * password-change time), so that a cached login ends with the password it checked.
         */
        String credentialVersion();
    }

    /** The account the name designates, in any of the accepted forms. */
    Optional<Account> account(String login);

    /**
     * Spends about what checking a password against an account costs, for a name no account
     * has, so that a wrong name takes as long to refuse as a wrong password.
     */
    void refuseUnknown(String password);

    /**
     * The mailbox whose telephone extension is {@code extension} (what a caller types on a
     * phone); empty when none has it, or more than one (an extension that names two names no one).
     */
    Optional<Mailbox> findByExtension(String extension);

    /**
     * The mailbox a telephone front end or an administrator names: by its extension when the
     * name is digits only (what a caller types on a phone), else by its login or primary SMTP address.
     */
    default Optional<Mailbox> findByName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9') ? findByExtension(name) : find(name);
    }

    /**
     * The mailboxes a help desk looks for by {@code text}: its login, primary SMTP address or
     * extension, and where the directory can, a part of its display name; at most {@code limit}.
     * This default finds the one mailbox {@link #findByName} does.
     */
    default List<Mailbox> search(String text, int limit) {
        return findByName(text.strip()).map(List::of).orElse(List.of());
    }

    /** The mailbox the name designates, without checking a password. */
    default Optional<Mailbox> find(String login) {
        return account(login).map(Account::mailbox);
    }
}
