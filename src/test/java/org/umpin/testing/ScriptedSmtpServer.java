package org.umpin.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real SMTP server on loopback that misbehaves on purpose: each connection follows the next
 * {@link Fault} of its script (then the default). It speaks just enough SMTP for Jakarta Mail,
 * and keeps every e-mail it answered 250 to, in order.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    public enum Fault {
        /** Takes the e-mail. */
        NONE,
        /** 451 at the end of DATA: try again later. */
        TEMPORARY,
        /** 554 at the end of DATA: never. */
        PERMANENT,
        /** Closes the connection in the middle of DATA. */
        DROP_MID_DATA,
        /** Accepts the TCP connection and never says a word (counts as held for {@link #awaitHeld()}). */
        SILENT,
        /** Has the whole e-mail, then waits for {@link #release()} before answering; then takes it. */
        HOLD_DATA_REPLY,
        /** Takes the e-mail (250), then waits for {@link #release()} before answering QUIT. */
        HOLD_QUIT_REPLY
    }

    private final int port;
    private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
    private volatile Supplier<Fault> fallback = () -> Fault.NONE;
    private final List<MimeMessage> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Semaphore held = new Semaphore(0);
    private volatile CountDownLatch release = new CountDownLatch(1);
    private volatile ServerSocket listener;
    private volatile Thread accepting;

    private ScriptedSmtpServer(int port) {
        this.port = port;
    }

    public static ScriptedSmtpServer start() throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(UmpinServer.freePort());
        server.listen();
        return server;
    }

    public int port() {
        return port;
    }

    /** The next connections meet these faults, in order; later ones the default. */
    public ScriptedSmtpServer script(Fault... faults) {
        script.addAll(List.of(faults));
        return this;
    }

    /** What connections meet once the script is used up. */
    public ScriptedSmtpServer otherwise(Supplier<Fault> fault) {
        fallback = fault;
        return this;
    }

    /** E-mails answered 250, in the order they were taken. */
    public List<MimeMessage> accepted() {
        return new ArrayList<>(accepted);
    }

    /** Waits until {@code count} e-mails have been taken (some are sent after the answer, by a wire-tap). */
    public List<MimeMessage> awaitAccepted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (accepted) {
            while (accepted.size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(accepted.size() + " e-mails taken, not " + count);
                }
                accepted.wait(left);
            }
        }
        return accepted();
    }

    public int connections() {
        return connections.get();
    }

    /** Waits until a connection is held by a HOLD_* or SILENT fault. */
    public void awaitHeld() throws InterruptedException {
        if (!held.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no SMTP connection reached its hold point");
        }
    }

    /** Lets every held connection go on. */
    public void release() {
        CountDownLatch current = release;
        release = new CountDownLatch(1);
        current.countDown();
    }

    /**
     * Stops listening: connections are refused until {@link #listen()}. Closing a server socket
     * whose accept is in progress leaves the kernel's listening socket open until that accept
     * returns (a connection made just after the close was still taken, once in a CI run), so
     * this returns only when the accepting thread has.
     */
    public void refuse() throws IOException {
        listener.close();
        try {
            accepting.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the listener closed", e);
        }
        if (accepting.isAlive()) {
            throw new IOException("the listener on port " + port + " did not close within 10 s");
        }
    }

    /** Listens (again) on the same port. */
    public void listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = socket;
        accepting = new Thread(() -> accept(socket), "scripted-smtp-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (socket.isClosed()) { // taken as the listener closed: refused as it would have been a moment later
                    client.close();
                    return;
                }
                connections.incrementAndGet();
                clients.add(client);
                Fault fault = script.isEmpty() ? fallback.get() : script.poll();
                Thread session = new Thread(() -> converse(client, fault), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client, Fault fault) {
        try (client) {
            if (fault == Fault.SILENT) {
                held.release();
                client.getInputStream().read(); // until the client gives up
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            say(out, "220 scripted.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 scripted.test");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 OK");
                    case "DATA" -> {
                        say(out, "354 end with .");
                        if (!data(in, out, client, fault)) {
                            return;
                        }
                    }
                    case "QUIT" -> {
                        if (fault == Fault.HOLD_QUIT_REPLY) {
                            hold();
                        }
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "500 unknown command");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the server closed: nothing to keep
        }
    }

    /** Reads one e-mail and answers it; false when the connection is to end. */
    private boolean data(BufferedReader in, OutputStream out, Socket client, Fault fault)
            throws IOException, InterruptedException {
        StringBuilder message = new StringBuilder();
        int lines = 0;
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (fault == Fault.DROP_MID_DATA && ++lines == 5) {
                client.close();
                return false;
            }
            message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        switch (fault) {
            case TEMPORARY -> say(out, "451 4.3.0 try again later");
            case PERMANENT -> say(out, "554 5.7.1 refused");
            default -> {
                if (fault == Fault.HOLD_DATA_REPLY) {
                    hold();
                }
                accepted.add(parse(message.toString()));
                synchronized (accepted) {
                    accepted.notifyAll();
                }
                say(out, "250 OK queued");
            }
        }
        return true;
    }

    private void hold() throws InterruptedException {
        CountDownLatch waitFor = release;
        held.release();
        waitFor.await();
    }

    private static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            refuse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        release.countDown();
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
