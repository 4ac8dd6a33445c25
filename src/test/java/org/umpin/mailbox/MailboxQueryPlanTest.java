package org.umpin.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.umpin.secret.SecretHasher;
import org.umpin.store.Database;

/**
 * Every login and every telephone logon finds its mailbox with one of these queries: each must
 * read an index, never every mailbox (H2's plan for a scan names the primary key), and find
 * the same mailbox as before.
 */
class MailboxQueryPlanTest {

    private static HikariDataSource store;

    @BeforeAll
    static void openStore() {
        store = Database.open("jdbc:h2:mem:plans;DB_CLOSE_DELAY=-1", "", "", 2, Duration.ofSeconds(5));
        Database.migrate(store);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void aLoginOrAnAddressReadsTheirIndexes() throws SQLException {
        String plan = plan(MailboxDirectory.BY_LOGIN_OR_ADDRESS);
        // an index read names its condition (/* PUBLIC.CONSTRAINT_INDEX_5: LOGIN = ?1 */), a scan
        // of every mailbox only the primary key (/* PUBLIC.PRIMARY_KEY_5 */)
        assertTrue(plan.contains(": LOGIN = ?1 */") && plan.contains(": SMTP_ADDRESS = ?2 */"), plan);
        assertTrue(plan.matches("(?s).*PRIMARY_KEY_\\w+: ID IN.*") && !plan.matches("(?s).*PRIMARY_KEY_\\w+ \\*/.*"), plan);
    }

    @Test
    void anExtensionReadsItsIndex() throws SQLException {
        String plan = plan(MailboxDirectory.BY_EXTENSION);
        assertTrue(plan.contains("MAILBOX_BY_EXTENSION"), plan);
    }

    @Test
    void theQueriesStillFindTheMailbox() {
        MailboxDirectory directory = new MailboxDirectory(store, new SecretHasher("a pepper for this test", 1_000), "CONTOSO");
        for (int i = 1; i <= 50; i++) {
            directory.save(new Mailbox(0, "user" + i, "User " + i, Optional.of("user" + i + "@contoso.example"),
                    "5" + (1000 + i), "en-US", true, true, "default"), "password");
        }
        assertEquals("user7", directory.account("user7").orElseThrow().mailbox().login());
        assertEquals("user8", directory.account("USER8@contoso.example").orElseThrow().mailbox().login());
        assertTrue(directory.account("user8@contoso.example").orElseThrow().authenticate("password").isPresent());
        assertEquals("user9", directory.findByExtension("51009").orElseThrow().login());
        assertTrue(directory.account("nobody").isEmpty());
        assertTrue(directory.findByExtension("59999").isEmpty());
    }

    private static String plan(String query) throws SQLException {
        try (Connection c = store.getConnection(); PreparedStatement s = c.prepareStatement("EXPLAIN " + query)) {
            for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
                s.setString(i, "x");
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
