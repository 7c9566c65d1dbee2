package io.callisto.transport.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A UDP "server" on loopback that answers every request with 503 and Retry-After, and counts the requests. */
public final class Busy503Server implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final int retryAfter;

    public Busy503Server(int retryAfterSeconds) throws IOException {
        this.retryAfter = retryAfterSeconds;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::run, "busy-503-server");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void run() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (req.startsWith("SIP/2.0") || req.isBlank()) {
                    continue;
                }
                requests.incrementAndGet();
                byte[] out = response(req).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** 503 with the request's Via, From, To, Call-ID and CSeq lines copied (§8.2.6.2). */
    private String response(String request) {
        StringBuilder resp = new StringBuilder("SIP/2.0 503 Service Unavailable\r\n");
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                resp.append(line).append("\r\n");
            }
        }
        return resp.append("Retry-After: ").append(retryAfter).append("\r\nContent-Length: 0\r\n\r\n").toString();
    }
}
