package org.umpin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, fd00::/8", TrustedProxies.Header.X_FORWARDED_FOR);

    private TrustedProxies.Client client(String peer, String forwardedFor, String proto) {
        return proxies.client(new TrustedProxies.Request(peer, false, forwardedFor == null ? List.of() : List.of(forwardedFor),
                proto == null ? List.of() : List.of(proto)));
    }

    @Test
    void theRightMostAddressThatIsNoTrustedProxy() {
        assertEquals(new TrustedProxies.Client("198.51.100.2", false), client("127.0.0.1", "203.0.113.1, 198.51.100.2, 10.9.9.9", null));
        assertEquals(new TrustedProxies.Client("2001:db8:0:0:0:0:0:1", true), client("fd12::3", "[2001:db8::1]:443", "https"));
        assertEquals(new TrustedProxies.Client("192.0.2.7", false), client("10.0.0.1", "192.0.2.7:51000", null), "a port is dropped");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSays() {
        assertEquals(new TrustedProxies.Client("192.0.2.1", false), client("192.0.2.1", "10.0.0.1", "https"));
    }

    @Test
    void somethingThatIsNoAddressEndsTheWalkAtTheNearestKnownHop() {
        assertEquals(new TrustedProxies.Client("10.0.0.2", false), client("127.0.0.1", "unknown, 10.0.0.2", null));
        assertEquals(new TrustedProxies.Client("10.0.0.2", false), client("127.0.0.1", "evil.example, 10.0.0.2", null),
                "a name is never looked up");
        assertEquals(new TrustedProxies.Client("127.0.0.1", false), client("127.0.0.1", "999.1.1.1", null));
    }

    @Test
    void everyHopTrustedMeansTheLeftMost() {
        assertEquals(new TrustedProxies.Client("10.0.0.3", false), client("127.0.0.1", "10.0.0.3, 10.0.0.2", null));
        assertEquals(new TrustedProxies.Client("127.0.0.1", false), client("127.0.0.1", null, null), "no header: the peer");
    }

    @Test
    void badListsAreRefused() {
        for (String bad : List.of("10.0.0.0/33", "host.example", "10.0.0.1:80", "::1/129", "10.0.0.0/x")) {
            assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad, TrustedProxies.Header.FORWARDED), bad);
        }
        assertEquals(TrustedProxies.Header.FORWARDED, TrustedProxies.Header.named("forwarded"));
    }
}
