package org.umpin.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who sent a request that may have come through reverse proxies (nginx, HAProxy, an ingress).
 * Only a TCP peer in the trusted list is believed: its forwarded header is read from the right,
 * skipping trusted proxies, and the first address that is not one is the client. A forwarded
 * header from any other peer is the client's own word and is ignored. Reads address literals
 * only, never the DNS.
 */
public final class TrustedProxies {

    /** The header a trusted proxy writes: the de-facto {@code X-Forwarded-For} or RFC 7239's {@code Forwarded}. */
    public enum Header {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        private final String name;

        Header(String name) {
            this.name = name;
        }

        public String headerName() {
            return name;
        }

        /** {@code X-Forwarded-For} or {@code Forwarded}, in any case. */
        public static Header named(String name) {
            for (Header header : values()) {
                if (header.name.equalsIgnoreCase(name.strip())) {
                    return header;
                }
            }
            throw new IllegalArgumentException("must be X-Forwarded-For or Forwarded, got \"" + name + "\"");
        }
    }

    /**
     * The request's client.
     *
     * @param address the client's address, as the audit, the log and the failed-login bound see it
     * @param secure  whether the client's request came over HTTPS (to umpin, or to the trusted proxy)
     */
    public record Client(String address, boolean secure) {

        /** Whether the client is on this host; false for a name or no address at all. */
        public boolean isLoopback() {
            return literal(address).map(InetAddress::isLoopbackAddress).orElse(false);
        }

        /** Whether a password it sends stays off the network in clear: over HTTPS, or from this host. */
        public boolean sendsCredentialsSafely() {
            return secure || isLoopback();
        }
    }

    /** What a request says about its sender: the peer, whether it came over TLS, and its forwarding headers (each line, in order). */
    public record Request(String peer, boolean secure, List<String> forwarded, List<String> forwardedProto) {
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of(), Header.X_FORWARDED_FOR);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*"); // two colons at least

    private final List<Network> networks;
    private final Header header;

    private TrustedProxies(List<Network> networks, Header header) {
        this.networks = networks;
        this.header = header;
    }

    /**
     * The proxies in {@code list}: comma-separated addresses and CIDR blocks
     * ({@code 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8}); blank for none.
     */
    public static TrustedProxies parse(String list, Header header) {
        List<Network> networks = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.strip()));
            }
        }
        return new TrustedProxies(List.copyOf(networks), header);
    }

    public Header header() {
        return header;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** The client of {@code request}: its TCP peer, unless that is a trusted proxy that says who it forwarded for. */
    public Client client(Request request) {
        if (!trusts(request.peer())) {
            return new Client(request.peer(), request.secure());
        }
        List<Hop> hops = hops(request);
        if (hops.isEmpty()) {
            return new Client(request.peer(), request.secure());
        }
        // the right-most hop was written by the peer itself: what it says about its own client is true
        boolean secure = hops.get(hops.size() - 1).proto().map("https"::equals).orElse(request.secure());
        String client = request.peer();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> address = literal(hops.get(i).address());
            if (address.isEmpty()) {
                break; // "unknown", an obfuscated name or garbage: the proxy nearest to it is the last one known
            }
            client = address.get().getHostAddress();
            if (!trusts(address.get())) {
                break;
            }
        }
        return new Client(client, secure);
    }

    private boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return networks.stream().anyMatch(network -> network.contains(address));
    }

    /** One proxy hop: the address it received the request from, and the scheme it was received over. */
    private record Hop(String address, Optional<String> proto) {
    }

    private List<Hop> hops(Request request) {
        List<Hop> hops = new ArrayList<>();
        if (header == Header.X_FORWARDED_FOR) {
            List<String> protos = elements(request.forwardedProto());
            Optional<String> proto = protos.isEmpty() ? Optional.empty()
                    : Optional.of(protos.get(protos.size() - 1).toLowerCase(Locale.ROOT));
            List<String> addresses = elements(request.forwarded());
            for (int i = 0; i < addresses.size(); i++) {
                hops.add(new Hop(addresses.get(i), i == addresses.size() - 1 ? proto : Optional.empty()));
            }
            return hops;
        }
        for (String element : elements(request.forwarded())) {
            String forAddress = "";
            Optional<String> proto = Optional.empty();
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).strip());
                if (name.equals("for")) {
                    forAddress = value;
                } else if (name.equals("proto")) {
                    proto = Optional.of(value.toLowerCase(Locale.ROOT));
                }
            }
            hops.add(new Hop(forAddress, proto));
        }
        return hops;
    }

    /** The comma-separated elements of every line of a header, in order. */
    private static List<String> elements(List<String> lines) {
        List<String> elements = new ArrayList<>();
        for (String line : lines) {
            for (String element : line.split(",")) {
                elements.add(element.strip());
            }
        }
        return elements;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * An address literal, with or without brackets and a port ({@code 192.0.2.1:4711},
     * {@code [2001:db8::1]:4711}); empty for anything else, which is never looked up.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.strip();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? "" : address.substring(1, end);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        boolean ipv4 = IPV4.matcher(address).matches();
        if (ipv4 && Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)
                || !ipv4 && !IPV6.matcher(address).matches()) {
            return Optional.empty(); // InetAddress would ask the DNS about it
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address block: an address and how many of its leading bits a member shares. */
    private record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            // a bare address: no brackets, no port
            InetAddress address = Optional.of(host).filter(h -> IPV4.matcher(h).matches() || IPV6.matcher(h).matches())
                    .flatMap(TrustedProxies::literal).orElseThrow(() -> new IllegalArgumentException("\"" + cidr + "\" is not an address or a CIDR block"));
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("\"" + cidr + "\" has a prefix length outside 0-" + bits);
                }
            }
            return new Network(address.getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest);
            return (other[full] & mask) == (address[full] & mask);
        }
    }
}
