package io.callisto.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 that are free right now, for processes that must be told their port in advance (a server that
 * is restarted on the same port, SIPp's {@code -p} and {@code -mp}). They are drawn at random below Linux's
 * ephemeral range (32768 and up), so that a port the kernel hands to some client meanwhile cannot collide with
 * them; each is checked by binding it.
 */
final class FreePorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    /** A port free for both UDP and TCP (a SIP listening point on both transports). */
    static int udpAndTcp() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (udpFree(p) && tcpFree(p)) {
                return p;
            }
        }
        throw new IOException("no free UDP+TCP port found on 127.0.0.1");
    }

    /**
     * A port free for UDP and TCP whose next port is free for TCP too (baresip binds its SIP TLS listener on the
     * SIP port plus one).
     */
    static int udpAndTcpWithNext() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = udpAndTcp();
            if (tcpFree(p + 1)) {
                return p;
            }
        }
        throw new IOException("no free UDP+TCP port pair found on 127.0.0.1");
    }

    /** A free TCP port (an HTTP endpoint, a database). */
    static int tcp() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (tcpFree(p)) {
                return p;
            }
        }
        throw new IOException("no free TCP port found on 127.0.0.1");
    }

    /**
     * The first of {@code count} consecutive free UDP ports, e.g. for SIPp's {@code -mp}, which binds the audio
     * RTP port and the ones after it.
     */
    static int udpRange(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOW, HIGH - count);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = udpFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free UDP ports found on 127.0.0.1");
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
