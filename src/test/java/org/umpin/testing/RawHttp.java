package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte, for the requests a well-behaved client library refuses to
 * send: broken credentials, oversized headers, bodies that lie about their length.
 */
public final class RawHttp {

    /** A response as read off the socket: status, the header section as text, the body. */
    public record Response(int status, String headers, String body) {

        /** The value of the first header of that name, or null. */
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String all() {
            return headers + "\r\n\r\n" + body;
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}, then reads to the end. */
    public static Response send(int port, String head, byte[] body) throws IOException {
        return sendFrom(InetAddress.getLoopbackAddress(), port, head, body);
    }

    /** ... from the local address {@code from} (any of 127.0.0.0/8: a client other than the proxy on one machine). */
    public static Response sendFrom(InetAddress from, int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
            } catch (SocketException refusedMidway) {
                // the server answered and closed before taking the whole request: read its answer
            }
            return read(socket.getInputStream());
        }
    }

    /** The header line of a Basic login, ending in CRLF. */
    public static String basic(String login, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** A POST to the ResetPIN endpoint with these extra header lines (each ending in CRLF) and this body. */
    public static Response post(int port, String extraHeaders, byte[] body) throws IOException {
        return postFrom(InetAddress.getLoopbackAddress(), port, extraHeaders, body);
    }

    /** ... from the local address {@code from}. */
    public static Response postFrom(InetAddress from, int port, String extraHeaders, byte[] body) throws IOException {
        return postFrom(from, port, SoapClient.SOAP_ACTION, extraHeaders, body);
    }

    /** A POST to the SOAP endpoint with this SOAPAction, these extra header lines and this body. */
    public static Response post(int port, String soapAction, String extraHeaders, byte[] body) throws IOException {
        return postFrom(InetAddress.getLoopbackAddress(), port, soapAction, extraHeaders, body);
    }

    private static Response postFrom(InetAddress from, int port, String soapAction, String extraHeaders, byte[] body)
            throws IOException {
        return sendFrom(from, port, "POST /EWS/UM2007Legacy.asmx HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/xml; charset=utf-8\r\n"
                + "SOAPAction: \"" + soapAction + "\"\r\n"
                + "Content-Length: " + body.length + "\r\n" + extraHeaders.strip(), body);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException reset) {
            // a server that refuses a request may reset the connection after its answer
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("no HTTP response: " + text);
        }
        String headers = text.substring(0, end);
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(new Response(0, headers, "").header("Transfer-Encoding"))) {
            body = unchunk(body);
        }
        return new Response(Integer.parseInt(text.substring(9, 12)), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim().toLowerCase(Locale.ROOT), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    public static void assertNothingLeaks(Response response) {
        assertNull(response.header("Server"), "no Server header: " + response.headers());
        assertNull(response.header("X-Powered-By"), response.headers());
        for (String internal : List.of("Jetty", "jetty", "CXF", "org.", "Exception", "\tat ", "/work/", ".java")) {
            assertFalse(response.all().contains(internal), internal + " in " + response.all());
        }
    }
}
