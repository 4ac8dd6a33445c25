package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.security.auth.Subject;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.umpin.http.HttpAuthentication;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.MailboxDirectory;
import org.umpin.secret.SecretHasher;
import org.umpin.steps.StepProperties;
import org.umpin.store.Database;

/**
 * Whose mailbox a reset is for: the one umpin's authentication read, or, when a container
 * authenticated the caller (an embedding), the one its principal's name designates.
 */
class IdentifyCallerTest {

    private HikariDataSource store;
    private MailboxDirectory directory;
    private final DefaultCamelContext context = new DefaultCamelContext();

    @BeforeEach
    void setUp() {
        store = Database.open("jdbc:h2:mem:identify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2,
                Duration.ofSeconds(5));
        Database.migrate(store);
        directory = new MailboxDirectory(store, new SecretHasher("pepper", 1_000), "CONTOSO");
        directory.add(new Mailbox(0, "alice", "Alice", Optional.of("alice@contoso.example"), "36697", "en-US",
                true, true, "default"), "demo");
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aContainerPrincipalIsLookedUpByName() {
        Exchange exchange = exchangeFor(() -> "CONTOSO\\alice");

        new IdentifyCaller(directory, mailbox -> false).process(exchange);

        assertEquals("alice", StepProperties.mailbox(exchange).login());
    }

    @Test
    void umpinsOwnPrincipalCarriesTheMailboxItRead() {
        Mailbox alice = directory.find("alice").orElseThrow();
        Exchange exchange = exchangeFor(new HttpAuthentication.MailboxPrincipal(alice));

        new IdentifyCaller(directory, mailbox -> false).process(exchange);

        assertEquals(alice, StepProperties.mailbox(exchange));
    }

    @Test
    void noPrincipalIsASetupError() {
        Exchange exchange = new DefaultExchange(context);

        assertThrows(IllegalStateException.class, () -> new IdentifyCaller(directory, mailbox -> false).process(exchange));
    }

    private Exchange exchangeFor(Principal principal) {
        Subject subject = new Subject();
        subject.getPrincipals().add(principal);
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader(Exchange.AUTHENTICATION, subject);
        return exchange;
    }
}
