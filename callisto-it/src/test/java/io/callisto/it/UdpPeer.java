package io.callisto.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A raw UDP endpoint on 127.0.0.1 for hand-made SIP messages: it sends bytes exactly as given, keeps every datagram
 * it receives (in order, with the sender), and can answer each one at once through a {@code responder} (the
 * endpoint behind the proxy in the torture test). A reader thread receives; {@link #close()} ends it.
 */
final class UdpPeer implements AutoCloseable {

    /** One datagram received. */
    record Datagram(int index, byte[] data, InetSocketAddress from) {

        /** The datagram as text (ISO-8859-1, one char per byte). */
        String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final DatagramSocket socket;
    private final Thread reader;
    private final List<Datagram> received = new ArrayList<>();
    private final Function<Datagram, byte[]> responder;

    /** A peer on a free port; {@code responder} (may be null) returns the bytes to send back, or null. */
    UdpPeer(Function<Datagram, byte[]> responder) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(200);
        this.responder = responder;
        this.reader = new Thread(this::read, "udp-peer-" + socket.getLocalPort());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The local port. */
    int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code bytes} to 127.0.0.1:{@code port}. */
    void send(byte[] bytes, int port) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** How many datagrams have arrived so far (a mark for {@link #since}). */
    synchronized int count() {
        return received.size();
    }

    /** The datagrams received from index {@code mark} on. */
    synchronized List<Datagram> since(int mark) {
        return new ArrayList<>(received.subList(Math.min(mark, received.size()), received.size()));
    }

    /** Every datagram received so far. */
    List<Datagram> all() {
        return since(0);
    }

    /**
     * Waits (bounded) for the first datagram from index {@code mark} on that {@code match} accepts; null when none
     * came within {@code seconds}.
     */
    synchronized Datagram await(int mark, Predicate<Datagram> match, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = mark; ; ) {
            for (; i < received.size(); i++) {
                if (match.test(received.get(i))) {
                    return received.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left); // woken by the reader on every datagram
        }
    }

    private void read() {
        byte[] buf = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            Datagram d;
            synchronized (this) {
                d = new Datagram(received.size(), Arrays.copyOfRange(p.getData(), 0, p.getLength()),
                        (InetSocketAddress) p.getSocketAddress());
                received.add(d);
                notifyAll();
            }
            if (responder != null) {
                try {
                    byte[] answer = responder.apply(d);
                    if (answer != null) {
                        socket.send(new DatagramPacket(answer, answer.length, d.from()));
                    }
                } catch (IOException | RuntimeException e) {
                    // an answer that cannot be built or sent is simply missing; the test sees no final response
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(TimeUnit.SECONDS.toMillis(5));
    }
}
