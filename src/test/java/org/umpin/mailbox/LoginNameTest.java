package org.umpin.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginNameTest {

    @Test
    void theThreeFormsInAnyCase() {
        assertEquals(Optional.of("alice"), LoginName.key("Alice", "CONTOSO"));
        assertEquals(Optional.of("alice@contoso.example"), LoginName.key("ALICE@Contoso.Example", "CONTOSO"));
        assertEquals(Optional.of("alice"), LoginName.key("contoso\\ALICE", "CONTOSO"));
    }

    @Test
    void anotherDomainOrNothingIsNoName() {
        assertEquals(Optional.empty(), LoginName.key("FABRIKAM\\alice", "CONTOSO"));
        assertEquals(Optional.empty(), LoginName.key("CONTOSO\\", "CONTOSO"));
        assertEquals(Optional.empty(), LoginName.key(" ", "CONTOSO"));
        assertEquals(Optional.empty(), LoginName.key(null, "CONTOSO"));
    }
}
