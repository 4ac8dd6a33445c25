package org.umpin.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;

/**
 * A login and its password, checked under the failed-login bounds ({@link FailedLogins}): a
 * user or address at its bound is refused unchecked, a wrong password is counted. The
 * directory's accounts, and optionally one account of the service's own (the management
 * port's, for a metrics scraper), which is checked first and opens no mailbox.
 */
public final class LoginCheck {

    /** How a login ended. */
    public sealed interface Outcome {
    }

    /**
     * The password is right: the mailbox the login opened, empty for the service's own account;
     * and the account's credential version as it was checked ({@link Directory.Account#credentialVersion}),
     * empty for the service's own account.
     */
    public record Accepted(Optional<Mailbox> mailbox, String credentialVersion) implements Outcome {
    }

    /** A wrong password, or no such login: counted against {@code user} and the address. */
    public record Failed(String user) implements Outcome {
    }

    /** Too many failures lately: the password was not checked. */
    public record Throttled(String user, Duration retryAfter) implements Outcome {

        /** The HTTP {@code Retry-After} value: whole seconds, rounded up, at least one. */
        public String retryAfterHeader() {
            return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
    }

    private final Optional<Directory> directory;
    private final FailedLogins failedLogins;
    private final Optional<String> ownUser;
    private final byte[] ownDigest;
    private final VerifiedLogins verified;

    private LoginCheck(Optional<Directory> directory, FailedLogins failedLogins, Optional<String> ownUser, byte[] ownDigest,
                       VerifiedLogins verified) {
        this.directory = directory;
        this.failedLogins = failedLogins;
        this.ownUser = ownUser;
        this.ownDigest = ownDigest;
        this.verified = verified;
    }

    /** Logins of the directory's accounts; a login verified within {@code verified}'s lifetime is not checked again. */
    public static LoginCheck of(Directory directory, FailedLogins failedLogins, VerifiedLogins verified) {
        return new LoginCheck(Optional.of(directory), failedLogins, Optional.empty(), new byte[0], verified);
    }

    /**
     * The one account {@code user} with {@code password}, and the directory's accounts when
     * {@code directory} is present.
     */
    public static LoginCheck of(String user, String password, Optional<Directory> directory, FailedLogins failedLogins,
                                VerifiedLogins verified) {
        return new LoginCheck(directory, failedLogins, Optional.of(user), digest(password), verified);
    }

    /**
     * Checks {@code password} for {@code login} coming from {@code address}.
     *
     * @throws org.umpin.store.StoreException when the store cannot count
     */
    public Outcome check(String login, String password, String address) {
        boolean own = ownUser.filter(login::equals).isPresent();
        Optional<Directory.Account> account = own ? Optional.empty() : directory.flatMap(d -> d.account(login));
        // the mailbox's own login, so that alice, CONTOSO\alice and alice@contoso share one count
        String user = own ? login : account.map(a -> a.mailbox().login()).orElseGet(() -> unknownUser(login));
        FailedLogins.Verdict verdict = failedLogins.check(user, address);
        if (verdict.retryAfter().isPresent()) {
            return new Throttled(user, verdict.retryAfter().get());
        }
        Optional<Accepted> accepted = own ? ownAccount(password) : directoryAccount(account, user, password);
        if (accepted.isEmpty()) {
            failedLogins.failed(user, address);
            return new Failed(user);
        }
        if (verdict.userFailedLately()) {
            failedLogins.succeeded(user);
        }
        return accepted.get();
    }

    /** The user a Kerberos ticket that was refused (defective, expired, replayed, another service's) is counted as. */
    public static final String REFUSED_TICKET = "(a refused kerberos ticket)";

    /**
     * A caller the directory's Kerberos vouched for, under the same bounds as a password: the
     * account the first of {@code names} opens (the principal's forms, most specific first); empty
     * {@code names}, or none that opens an enabled account, is a failed login from {@code address}.
     *
     * @param names empty for a ticket that was refused
     */
    public Outcome vouched(List<String> names, String address) {
        Optional<Directory.Account> account = names.stream().map(name -> directory.flatMap(d -> d.account(name)))
                .flatMap(Optional::stream).findFirst();
        String user = account.map(a -> a.mailbox().login())
                .orElseGet(() -> names.isEmpty() ? REFUSED_TICKET : unknownUser(names.get(0)));
        FailedLogins.Verdict verdict = failedLogins.check(user, address);
        if (verdict.retryAfter().isPresent()) {
            return new Throttled(user, verdict.retryAfter().get());
        }
        Optional<Mailbox> opened = account.map(Directory.Account::mailbox).filter(Mailbox::enabled);
        if (opened.isEmpty()) {
            failedLogins.failed(user, address);
            return new Failed(user);
        }
        if (verdict.userFailedLately()) {
            failedLogins.succeeded(user);
        }
        return new Accepted(opened, account.get().credentialVersion());
    }

    /** The service's own account: compared as digests, in constant time, so that the password's length and content leak nothing. */
    private Optional<Accepted> ownAccount(String password) {
        return MessageDigest.isEqual(digest(password), ownDigest) ? Optional.of(new Accepted(Optional.empty(), "")) : Optional.empty();
    }

    private Optional<Accepted> directoryAccount(Optional<Directory.Account> account, String user, String password) {
        if (account.isEmpty()) {
            // as long as a wrong password takes, so that the time does not tell which logins exist
            directory.ifPresent(d -> d.refuseUnknown(password));
            return Optional.empty();
        }
        Directory.Account found = account.get();
        Optional<Mailbox> opened;
        if (verified.holds(user, password, found.credentialVersion())) {
            // checked moments ago, and its password not changed since: the mailbox as it is now
            opened = Optional.of(found.mailbox()).filter(Mailbox::enabled);
        } else {
            opened = found.authenticate(password);
            opened.ifPresent(mailbox -> verified.remember(user, password, found.credentialVersion()));
        }
        return opened.map(mailbox -> new Accepted(Optional.of(mailbox), found.credentialVersion()));
    }

    /** A name no mailbox has, as counted and logged. */
    private static String unknownUser(String login) {
        String name = login.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?");
        return name.length() > 320 ? name.substring(0, 320) : name;
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
