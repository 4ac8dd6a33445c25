package org.umpin.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.umpin.app.Beans;
import org.umpin.app.DirectoryConfiguration;
import org.umpin.app.MailConfiguration;
import org.umpin.app.ObserveConfiguration;
import org.umpin.app.PinConfiguration;
import org.umpin.app.StoreConfiguration;
import org.umpin.mailbox.Directory;
import org.umpin.mailbox.Mailbox;
import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.PinStore;
import org.umpin.pin.ResetPinException;
import org.umpin.secret.SecretHasher;

/**
 * The administrator's routes ({@code routes/administrator.camel.yaml}, with the {@code new-pin}
 * they reset with), as Camel Main runs them with the service's own configurations, on an
 * in-memory H2 store, with the relay's {@code smtp:} endpoint replaced by a mock: what the help
 * desk and the commands get, without a server or a mail server.
 */
@CamelMainTest(configurationClasses = {StoreConfiguration.class, DirectoryConfiguration.class, ObserveConfiguration.class,
    MailConfiguration.class, PinConfiguration.class},
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.main.routes-include-pattern=file:routes/new-pin.camel.yaml,file:routes/administrator.camel.yaml",
            "umpin.db.url=jdbc:h2:mem:administrator-routes", "umpin.hash.iterations=1000", "umpin.mail.embedded=false",
            "umpin.management.enabled=false", "umpin.mail.retries=0"},
        mockEndpointsAndSkip = "smtp*")
class AdministratorRoutesTest {

    @BeanInject
    CamelContext context;

    private Mailbox mailbox(String login) {
        return context.getRegistry().lookupByNameAndType(Beans.DIRECTORY, Directory.class).find(login).orElseThrow();
    }

    private Optional<PinStore.PinState> state(Mailbox mailbox) {
        return context.getRegistry().lookupByNameAndType(Beans.PIN_STORE, PinStore.class).current(mailbox.id());
    }

    private MockEndpoint relay() {
        return context.getEndpoints().stream().filter(e -> e instanceof MockEndpoint && e.getEndpointUri().startsWith("mock://smtp"))
                .map(MockEndpoint.class::cast).findFirst().orElseThrow();
    }

    private Exchange send(String route, Mailbox mailbox, boolean noMail, String notifyEmail) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(StepProperties.MAILBOX, mailbox);
        exchange.setProperty(StepProperties.NO_MAIL, noMail);
        if (notifyEmail != null) {
            exchange.setProperty(StepProperties.NOTIFY_EMAIL, notifyEmail);
        }
        return context.createProducerTemplate().send(route, exchange);
    }

    @Test
    void aResetMailsTheNewPinAndOnlyThenMakesItTheMailboxsPin() throws Exception {
        Mailbox alice = mailbox("alice");
        Exchange done = send("direct:administrator-reset-pin", alice, false, null);
        assertNull(done.getException());
        assertEquals(1, relay().getReceivedCounter());
        String mailed = relay().getReceivedExchanges().get(0).getMessage().getBody(String.class);
        String pin = StepProperties.pin(done).digits();
        assertTrue(mailed.contains(pin), "the mail carries the new PIN");
        SecretHasher hasher = context.getRegistry().lookupByNameAndType(Beans.HASHER, SecretHasher.class);
        PinStore.PinState stored = state(alice).orElseThrow();
        assertTrue(hasher.verify(pin, stored.pinHash()) && stored.expired(), "stored hashed, to be changed at the first logon");
    }

    @Test
    void aRelayThatRefusesTheMailLeavesThePinAsItWas() throws Exception {
        Mailbox alice = mailbox("alice");
        send("direct:administrator-reset-pin", alice, true, null);
        String before = state(alice).orElseThrow().pinHash();
        relay().whenAnyExchangeReceived(exchange -> {
            throw new MessagingException("554 5.7.1 refused");
        });
        Exchange refused = send("direct:administrator-reset-pin", alice, false, null);
        assertInstanceOf(MessagingException.class, refused.getException());
        assertEquals(before, state(alice).orElseThrow().pinHash(), "nothing was committed");
    }

    @Test
    void aPinTheAdministratorSetsIsCheckedMailedAndOnlyThenCommitted() throws Exception {
        Mailbox alice = mailbox("alice");
        Exchange weak = new DefaultExchange(context);
        weak.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin("121212"));
        weak.setProperty(StepProperties.MAILBOX, alice);
        context.createProducerTemplate().send("direct:administrator-set-pin", weak);
        assertEquals(List.of("weak-pin"), assertInstanceOf(PinChangeRefused.Refused.class, weak.getException()).words());
        assertTrue(state(alice).isEmpty(), "nothing stored");

        relay().whenAnyExchangeReceived(exchange -> {
            throw new MessagingException("554 5.7.1 refused");
        });
        Exchange refused = new DefaultExchange(context);
        refused.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin("582941"));
        refused.setProperty(StepProperties.MAILBOX, alice);
        context.createProducerTemplate().send("direct:administrator-set-pin", refused);
        assertInstanceOf(MessagingException.class, refused.getException());
        assertTrue(state(alice).isEmpty(), "the relay refused the mail: nothing was committed");

        relay().whenAnyExchangeReceived(exchange -> { });
        Exchange done = new DefaultExchange(context);
        done.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin("582941"));
        done.setProperty(StepProperties.MAILBOX, alice);
        context.createProducerTemplate().send("direct:administrator-set-pin", done);
        assertNull(done.getException());
        assertTrue(relay().getReceivedExchanges().get(relay().getReceivedCounter() - 1).getMessage().getBody(String.class)
                .contains("582941"), "the mail carries the PIN set");
        SecretHasher hasher = context.getRegistry().lookupByNameAndType(Beans.HASHER, SecretHasher.class);
        assertTrue(hasher.verify("582941", state(alice).orElseThrow().pinHash()) && state(alice).orElseThrow().expired());
    }

    @Test
    void withoutMailThePinIsStoredAndNothingIsSent() {
        Mailbox frank = mailbox("frank");
        Exchange refused = send("direct:administrator-reset-pin", frank, false, null);
        assertInstanceOf(ResetPinException.class, refused.getException(), "frank has no address to mail to");
        Exchange done = send("direct:administrator-reset-pin", frank, true, null);
        assertNull(done.getException());
        assertEquals(0, relay().getReceivedCounter());
        assertTrue(state(frank).isPresent());
        assertNull(send("direct:administrator-reset-pin", frank, false, "help@contoso.example").getException(),
                "mailed elsewhere, frank needs no address of his own");
        assertEquals("help@contoso.example", relay().getReceivedExchanges().get(0).getMessage().getHeader("To"));
    }

    @Test
    void aMailboxNotEnabledForVoiceMailIsNotReset() {
        Mailbox bob = mailbox("bob");
        assertInstanceOf(UserNotUmEnabledException.class, send("direct:administrator-reset-pin", bob, true, null).getException());
        assertTrue(state(bob).isEmpty());
    }

    @Test
    void unlockClearsTheLockoutAndKeepsThePin() throws Exception {
        Mailbox alice = mailbox("alice");
        assertNull(send("direct:unlock-pin", alice, false, null).getProperty(StepProperties.STATE_BEFORE),
                "no PIN: nothing to unlock");
        send("direct:administrator-reset-pin", alice, true, null);
        try (Connection c = context.getRegistry().lookupByNameAndType(Beans.DATA_SOURCE, DataSource.class).getConnection();
             PreparedStatement lock = c.prepareStatement(
                     "UPDATE pin_state SET locked_out = TRUE, failed_logons = 15 WHERE mailbox_id = ?")) {
            lock.setLong(1, alice.id());
            assertEquals(1, lock.executeUpdate());
        }
        String pin = state(alice).orElseThrow().pinHash();
        Exchange unlocked = send("direct:unlock-pin", alice, false, null);
        PinStore.PinState before = unlocked.getProperty(StepProperties.STATE_BEFORE, PinStore.PinState.class);
        assertNotNull(before);
        assertTrue(before.lockedOut() && before.failedLogons() == 15, "what the unlock found");
        PinStore.PinState after = state(alice).orElseThrow();
        assertTrue(!after.lockedOut() && after.failedLogons() == 0 && after.pinHash().equals(pin));
    }
}
