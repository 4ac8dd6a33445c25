package org.umpin.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.umpin.store.StoreException;

/**
 * A commit whose answer is lost (the store stops as it commits) on a real H2 store: the reset
 * reads its PIN back, so that it is answered as what it was, and says so when it cannot tell.
 */
class PinChangeCommitTest {

    private static final PinPolicy POLICY = PinPolicy.defaults("default");

    private HikariDataSource store;
    private long mailboxId;
    private final AtomicInteger released = new AtomicInteger();

    @BeforeEach
    void openStore() throws SQLException {
        AStore opened = AStore.withAlice(2);
        store = opened.store();
        mailboxId = opened.aliceId();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anAnsweredCommitIsACommit() throws SQLException {
        PinChange reset = reset(Commit.ANSWERED, store);
        reset.store("hash-1", POLICY, Instant.now());

        assertTrue(reset.commit());
        assertEquals(Optional.of("hash-1"), currentHash());
        assertEquals(1, released.get());
    }

    @Test
    void aCommitWhoseAnswerWasLostIsReadBackAsCommitted() throws SQLException {
        PinChange reset = reset(Commit.DONE_ANSWER_LOST, store);
        reset.store("hash-1", POLICY, Instant.now());

        assertFalse(reset.commit(), "committed, though the store did not say so");
        assertEquals(Optional.of("hash-1"), currentHash());
        assertEquals(1, released.get());
    }

    @Test
    void aCommitThatFailedIsAFailure() throws SQLException {
        PinChange reset = reset(Commit.FAILED, store);
        reset.store("hash-1", POLICY, Instant.now());

        StoreException e = assertThrows(StoreException.class, reset::commit);
        assertEquals("the new PIN could not be committed", e.getMessage());
        assertEquals(Optional.empty(), currentHash());
        assertEquals(1, released.get());
    }

    @Test
    void aCommitWhoseOutcomeCannotBeReadBackSaysItIsUnknown() throws SQLException {
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
        PinChange reset = reset(Commit.DONE_ANSWER_LOST, gone);
        reset.store("hash-1", POLICY, Instant.now());

        StoreException e = assertThrows(StoreException.class, reset::commit);
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
        assertEquals(1, e.getCause().getSuppressed().length, "the failed read is kept beside the lost answer");
        assertEquals(Optional.of("hash-1"), currentHash(), "it was committed; umpin could not know");
        assertEquals(1, released.get());
    }

    private enum Commit { ANSWERED, DONE_ANSWER_LOST, FAILED }

    /** A reset on a real connection whose commit behaves as {@code commit} says. */
    private PinChange reset(Commit commit, DataSource readBack) throws SQLException {
        Connection real = store.getConnection();
        real.setAutoCommit(false);
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && commit != Commit.ANSWERED) {
                        if (commit == Commit.DONE_ANSWER_LOST) {
                            real.commit();
                        } else {
                            real.rollback();
                        }
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new PinChange(connection, mailboxId, readBack, released::incrementAndGet);
    }

    private Optional<String> currentHash() {
        return new PinStore(store).current(mailboxId).map(PinStore.PinState::pinHash);
    }
}
