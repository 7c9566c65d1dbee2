package io.callisto.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The connection to baresip's {@code ctrl_tcp} module: commands of the menu module go out and replies and events
 * come back as JSON objects in netstrings ({@code LEN:JSON,}). Everything read is kept, in order, so a test can
 * wait for an event that came before it asked. Used from the test thread only.
 */
final class BaresipControl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final Supplier<String> diagnostics;
    private final List<JsonNode> received = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int token;

    private BaresipControl(Socket socket, Supplier<String> diagnostics) {
        this.socket = socket;
        this.diagnostics = diagnostics;
    }

    /**
     * Connects to {@code port} on loopback, retrying for at most 20 s while baresip loads its modules; fails at once
     * when {@code process} has exited. {@code diagnostics} (its log) goes into every failure message.
     */
    static BaresipControl connect(Process process, int port, Supplier<String> diagnostics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(200);
                return new BaresipControl(s, diagnostics);
            } catch (IOException e) {
                s.close();
            }
            if (!process.isAlive()) {
                throw new AssertionError("baresip exited (" + process.exitValue() + "):\n" + diagnostics.get());
            }
            Thread.sleep(50); // baresip is loading its modules
        }
        throw new AssertionError("baresip's ctrl_tcp port " + port + " not open within 20 s:\n" + diagnostics.get());
    }

    /** Sends a command of the menu module and waits (bounded) for its reply, which must say ok. */
    JsonNode command(String command, String params) throws Exception {
        String t = "t" + (++token);
        byte[] json = JSON.writeValueAsBytes(Map.of("command", command, "params", params, "token", t));
        OutputStream out = socket.getOutputStream();
        out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.write(',');
        out.flush();
        JsonNode reply = await(n -> n.path("response").asBoolean() && t.equals(n.path("token").asText()), 20,
                "reply to " + command);
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError("baresip refused " + command + " " + params + ": " + reply + "\n"
                    + diagnostics.get());
        }
        return reply;
    }

    /** Waits (bounded) for the first message, read before or during this call, that {@code match}es. */
    JsonNode await(Predicate<JsonNode> match, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        while (true) {
            for (; seen < received.size(); seen++) {
                if (match.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("baresip: no " + what + " within " + seconds + " s; messages " + received
                        + "\n" + diagnostics.get());
            }
            readSome();
        }
    }

    /** Every event and reply read so far, after reading what has arrived (at most 200 ms). */
    List<JsonNode> messages() throws IOException {
        readSome();
        return List.copyOf(received);
    }

    /** Reads what is there (at most 200 ms) and splits complete netstrings off. */
    private void readSome() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("baresip closed its control connection");
            }
            pending.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            return;
        }
        byte[] all = pending.toByteArray();
        int p = 0;
        while (true) {
            int colon = p;
            while (colon < all.length && all[colon] != ':') {
                colon++;
            }
            if (colon >= all.length) {
                break;
            }
            int len = Integer.parseInt(new String(all, p, colon - p, StandardCharsets.US_ASCII).trim());
            if (colon + 1 + len + 1 > all.length) {
                break;
            }
            received.add(JSON.readTree(new String(all, colon + 1, len, StandardCharsets.UTF_8)));
            p = colon + 1 + len + 1; // skip the ','
        }
        pending.reset();
        pending.write(all, p, all.length - p);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
