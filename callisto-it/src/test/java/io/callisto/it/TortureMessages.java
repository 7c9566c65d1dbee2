package io.callisto.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFC 4475 torture messages of callisto-sip's test resources ({@code callisto-sip/src/test/resources/rfc4475},
 * byte-exact from the RFC's archive, see the README there), made sendable to a server on loopback.
 *
 * <p>A server answers a request at the top Via's sent-by (§18.2.2): the hosts there (192.0.2.x, example.com) are
 * not ours, and several messages share a branch and sent-by, so that a server holding the first one's transaction
 * takes the next one for a retransmission (§17.2.3). {@link #sendable} therefore changes the top Via only, and only
 * its sent-protocol transport (to UDP, the transport the message travels on, §18.1.1) and its sent-by port (to one
 * unique per message), and adds {@code rport} (RFC 3581) so that the answer comes back to the sender. Everything
 * else, the whitespace and line folding of that Via included, is left as the RFC wrote it.
 */
final class TortureMessages {

    private static final Pattern VIA_HEADER = Pattern.compile("(?im)^(via|v)[ \\t]*:");
    private static final String LWS = "[ \\t\\r\\n]*";
    private static final Pattern SENT_BY = Pattern.compile("(SIP" + LWS + "/" + LWS + "[0-9.]+" + LWS + "/" + LWS
            + ")([A-Za-z0-9._!%*+`'~-]+)([ \\t\\r\\n]+)([^ \\t\\r\\n;,:]+)(" + LWS + ":" + LWS + "[0-9]+)?");

    private TortureMessages() {
    }

    /** The directory of the .dat files, found from the project root (the CLI jar's location). */
    static Path directory() {
        Path root = Cli.jar().getParent().getParent().getParent();
        Path dir = root.resolve("callisto-sip/src/test/resources/rfc4475");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("RFC 4475 messages not found at " + dir);
        }
        return dir;
    }

    /** The bytes of {@code NAME.dat}. */
    static byte[] load(String name) throws IOException {
        return Files.readAllBytes(directory().resolve(name + ".dat"));
    }

    /**
     * {@code message} with its top Via sent over UDP from sent-by port {@code port} with {@code rport}; unchanged
     * when it has no Via (a message that lacks one cannot be answered anyway).
     */
    static byte[] sendable(byte[] message, int port) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        Matcher header = VIA_HEADER.matcher(s);
        if (!header.find()) {
            return message;
        }
        Matcher m = SENT_BY.matcher(s);
        if (!m.find(header.end())) {
            return message;
        }
        String replaced = m.group(1) + "UDP" + m.group(3) + m.group(4) + ":" + port + ";rport";
        return (s.substring(0, m.start()) + replaced + s.substring(m.end())).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first value of {@code header} (full or compact name) in a raw message, or null. */
    static String header(byte[] message, String name, String compact) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("(?im)^(" + Pattern.quote(name) + "|" + Pattern.quote(compact)
                + ")[ \\t]*:[ \\t]*([^\\r\\n]*)").matcher(s);
        return m.find() ? m.group(2).trim() : null;
    }

    /** The status of a raw response ({@code SIP/2.0 NNN ...}), or -1 when the bytes are not one. */
    static int status(byte[] datagram) {
        String s = new String(datagram, 0, Math.min(datagram.length, 16), StandardCharsets.ISO_8859_1);
        if (!s.startsWith("SIP/2.0 ") || s.length() < 11) {
            return -1;
        }
        try {
            return Integer.parseInt(s.substring(8, 11));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when the raw response's first Via names sent-by port {@code port} (not an rport value). */
    static boolean viaPort(byte[] datagram, int port) {
        String via = header(datagram, "Via", "v");
        return via != null && Pattern.compile(":" + port + "(?![0-9])").matcher(via).find();
    }
}
