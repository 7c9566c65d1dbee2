package io.callisto.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP socket for writing raw bytes at a transport layer and reading what it sends (bounded waits). */
final class RawTcp implements AutoCloseable {

    final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    RawTcp(InetSocketAddress to) throws IOException {
        this(connect(to));
    }

    RawTcp(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout((int) (Peer.WAIT_SECONDS * 1000));
        in = socket.getInputStream();
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, (int) (Peer.WAIT_SECONDS * 1000));
        return s;
    }

    void write(String text) throws IOException {
        write(TestMessages.crlf(text));
    }

    void write(byte[] b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** Reads exactly {@code n} bytes as text. */
    String read(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("connection closed after " + b.length + " of " + n + " bytes");
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Reads until the text read so far contains {@code marker}; returns everything read up to and with it. */
    String readUntil(String marker) throws IOException {
        while (true) {
            String s = seen.toString(StandardCharsets.ISO_8859_1);
            int i = s.indexOf(marker);
            if (i >= 0) {
                seen.reset();
                String rest = s.substring(i + marker.length());
                seen.writeBytes(rest.getBytes(StandardCharsets.ISO_8859_1));
                return s.substring(0, i + marker.length());
            }
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before \"" + marker.trim() + "\"; read: " + s);
            }
            seen.write(c);
        }
    }

    /** Reads one message: the header section and the Content-Length body. */
    String readMessage() throws IOException {
        String head = readUntil("\r\n\r\n");
        int i = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        int len = i < 0 ? 0 : Integer.parseInt(head.substring(i + 15, head.indexOf('\r', i)).trim());
        String buffered = seen.toString(StandardCharsets.ISO_8859_1);
        seen.reset();
        if (buffered.length() >= len) {
            seen.writeBytes(buffered.substring(len).getBytes(StandardCharsets.ISO_8859_1));
            return head + buffered.substring(0, len);
        }
        return head + buffered + read(len - buffered.length());
    }

    /** True when the peer closes the connection within the bounded wait (any bytes before that are skipped). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
