package org.umpin.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The SMTP relay as the readiness probe sees it: does it greet with 220 now? */
public final class SmtpRelay {

    private SmtpRelay() {
    }

    /**
     * Connects, reads the greeting and says QUIT: no mail, nothing a relay would log as an
     * error. Throws when the relay cannot be reached or greets with anything but 220.
     */
    public static void greet(String host, int port, Duration timeout) throws IOException {
        try (Socket socket = connect(host, port, timeout)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            // a multi-line greeting is 220-... lines, then 220 ...
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (line == null || !line.startsWith("220")) {
                throw new IOException("the SMTP relay greeted with " + (line == null ? "nothing" : "\"" + line + "\""));
            }
            in.readLine(); // its 221, so that the relay sees a clean QUIT
        }
    }

    private static Socket connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("the SMTP relay cannot be reached: " + e.getMessage(), e);
        }
    }
}
