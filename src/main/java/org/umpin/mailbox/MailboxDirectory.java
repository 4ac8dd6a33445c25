package org.umpin.mailbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.umpin.secret.SecretHasher;
import org.umpin.store.StoreException;

/** The mailboxes, their passwords and their UM settings, in the JDBC store. */
public final class MailboxDirectory implements Directory {

    private static final String COLUMNS =
            "id, login, display_name, smtp_address, extension, language, um_enabled, enabled, pin_policy, password_hash";
    // two rows at most: a second one says the key is ambiguous, and lookup finds nothing then
    private static final String TWO_AT_MOST = " ORDER BY id FETCH FIRST 2 ROWS ONLY";
    // a UNION, not "login = ? OR smtp_address = ?": H2 answers an OR of two columns by reading
    // every mailbox, and each branch here reads one index (MailboxQueryPlanTest). Inside an IN,
    // because H2 parses a UNION again at each run but keeps a SELECT parsed (docs/performance.md)
    static final String BY_LOGIN_OR_ADDRESS = "SELECT " + COLUMNS + " FROM mailbox WHERE id IN (SELECT id FROM mailbox"
            + " WHERE login = ? UNION SELECT id FROM mailbox WHERE smtp_address = ?)" + TWO_AT_MOST;
    static final String BY_EXTENSION = "SELECT " + COLUMNS + " FROM mailbox WHERE extension = ?" + TWO_AT_MOST;

    /** The password hash of a mailbox another directory owns: no secret verifies against it. */
    private static final String OWNED_ELSEWHERE = "!";

    private final DataSource dataSource;
    private final SecretHasher hasher;
    private final String domain;

    public MailboxDirectory(DataSource dataSource, SecretHasher hasher, String domain) {
        this.dataSource = dataSource;
        this.hasher = hasher;
        this.domain = domain;
    }

    @Override
    public Optional<Account> account(String login) {
        return LoginName.key(login, domain).flatMap(this::lookup).map(row -> new Account() {
            @Override
            public Mailbox mailbox() {
                return row.mailbox();
            }

            @Override
            public Optional<Mailbox> authenticate(String password) {
                boolean matches = hasher.verify(password == null ? "" : password, row.passwordHash());
                return Optional.of(row.mailbox()).filter(mailbox -> matches && mailbox.enabled());
            }

            @Override
            public String credentialVersion() {
                return row.passwordHash();
            }
        });
    }

    @Override
    public Optional<Mailbox> findByExtension(String extension) {
        return lookup(BY_EXTENSION, extension).map(Row::mailbox);
    }

    /** Also a part of the display name, in any case: {@code mart} finds Alice Martin. */
    @Override
    public List<Mailbox> search(String text, int limit) {
        String key = text.strip();
        List<Mailbox> found = new ArrayList<>(findByName(key).map(List::of).orElse(List.of()));
        if (key.isEmpty()) {
            return found;
        }
        String pattern = "%" + key.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM mailbox WHERE LOWER(display_name) LIKE ? ESCAPE '\\' ORDER BY display_name, login FETCH FIRST ? ROWS ONLY")) {
            s.setString(1, pattern);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && found.size() < limit) {
                    Mailbox mailbox = row(r).mailbox();
                    if (found.stream().noneMatch(m -> m.id() == mailbox.id())) {
                        found.add(mailbox);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("the mailbox directory could not be read", e);
        }
        return found;
    }

    @Override
    public void refuseUnknown(String password) {
        hasher.refuse(password == null ? "" : password);
    }

    /** True while the store holds no mailbox at all (a new installation). */
    public boolean isEmpty() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM mailbox");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) == 0;
        } catch (SQLException e) {
            throw new StoreException("the mailbox directory could not be read", e);
        }
    }

    /** Adds a mailbox; its password is stored as a salted peppered hash. */
    public void add(Mailbox mailbox, String password) {
        String sql = "INSERT INTO mailbox (smtp_address, display_name, password_hash, extension, language,"
                + " um_enabled, enabled, pin_policy, login) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        write(sql, mailbox, password, "added");
    }

    /**
     * Adds the mailbox, or updates the one with its login (address, name, password, extension,
     * language, flags, policy; its PIN and history stay). True when it was added.
     */
    public boolean save(Mailbox mailbox, String password) {
        String sql = "UPDATE mailbox SET smtp_address = ?, display_name = ?, password_hash = ?, extension = ?,"
                + " language = ?, um_enabled = ?, enabled = ?, pin_policy = ? WHERE login = ?";
        if (write(sql, mailbox, password, "updated") > 0) {
            return false;
        }
        add(mailbox, password);
        return true;
    }

    /**
     * Keeps a mailbox another directory owns (LDAP) as a row here, which its PIN state hangs
     * on: added, or updated when it changed there. Its password stays in that directory; the
     * row's never verifies. The mailbox, with this store's id.
     */
    public Mailbox mirror(Mailbox mailbox) {
        Optional<Mailbox> kept = lookup(mailbox.login().toLowerCase(Locale.ROOT)).map(Row::mailbox);
        Mailbox wanted = new Mailbox(kept.map(Mailbox::id).orElse(0L), mailbox.login().toLowerCase(Locale.ROOT),
                mailbox.displayName(), mailbox.smtpAddress().map(a -> a.toLowerCase(Locale.ROOT)), mailbox.extension(),
                mailbox.language(), mailbox.umEnabled(), mailbox.enabled(), mailbox.pinPolicy());
        if (kept.equals(Optional.of(wanted))) {
            return wanted;
        }
        save(wanted, null);
        return lookup(wanted.login()).map(Row::mailbox).orElseThrow(
                () -> new StoreException("mailbox " + wanted.login() + " could not be kept", null));
    }

    private int write(String sql, Mailbox mailbox, String password, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, mailbox.smtpAddress().map(a -> a.toLowerCase(Locale.ROOT)).orElse(null));
            s.setString(2, mailbox.displayName());
            s.setString(3, password == null ? OWNED_ELSEWHERE : hasher.hash(password));
            s.setString(4, mailbox.extension().isEmpty() ? null : mailbox.extension());
            s.setString(5, mailbox.language());
            s.setBoolean(6, mailbox.umEnabled());
            s.setBoolean(7, mailbox.enabled());
            s.setString(8, mailbox.pinPolicy());
            s.setString(9, mailbox.login().toLowerCase(Locale.ROOT));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("mailbox " + mailbox.login() + " could not be " + what, e);
        }
    }

    private record Row(Mailbox mailbox, String passwordHash) {
    }

    private static Row row(ResultSet r) throws SQLException {
        Mailbox mailbox = new Mailbox(r.getLong("id"), r.getString("login"), r.getString("display_name"),
                Optional.ofNullable(r.getString("smtp_address")),
                Optional.ofNullable(r.getString("extension")).orElse(""), r.getString("language"),
                r.getBoolean("um_enabled"), r.getBoolean("enabled"), r.getString("pin_policy"));
        return new Row(mailbox, r.getString("password_hash"));
    }

    private Optional<Row> lookup(String key) {
        return lookup(BY_LOGIN_OR_ADDRESS, key, key);
    }

    /** The one row {@code sql} finds; empty for none, or more than one. */
    private Optional<Row> lookup(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Row row = row(r);
                return r.next() ? Optional.empty() : Optional.of(row);
            }
        } catch (SQLException e) {
            throw new StoreException("the mailbox directory could not be read", e);
        }
    }
}
