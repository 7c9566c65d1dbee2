package io.callisto.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain UDP socket for writing raw bytes at a transport layer and reading its answers (bounded waits). */
final class RawUdp implements AutoCloseable {

    final DatagramSocket socket;

    RawUdp(String host) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
        socket.setSoTimeout((int) (Peer.WAIT_SECONDS * 1000));
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(byte[] b, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(b, b.length, to));
    }

    void send(String text, InetSocketAddress to) throws IOException {
        send(TestMessages.crlf(text), to);
    }

    /** The next datagram as text; fails (SocketTimeoutException) after the bounded wait. */
    String receive() throws IOException {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** The next datagram within {@code millis}, or null. */
    String receive(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
