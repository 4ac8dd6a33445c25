package org.umpin.mailbox;

import java.util.Locale;
import java.util.Optional;

/**
 * The three ways a caller may type its name, as Windows clients do: {@code alice},
 * {@code alice@contoso.example} and {@code CONTOSO\alice}, in any case.
 */
final class LoginName {

    private LoginName() {
    }

    /**
     * The key to look the mailbox up by (account name or SMTP address, lower case), or empty
     * when the name is blank or names another domain than ours.
     */
    static Optional<String> key(String typed, String domain) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String name = typed.strip().toLowerCase(Locale.ROOT);
        int slash = name.indexOf('\\');
        if (slash >= 0) {
            if (!name.substring(0, slash).equalsIgnoreCase(domain)) {
                return Optional.empty();
            }
            name = name.substring(slash + 1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
