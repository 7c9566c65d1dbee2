package io.callisto.cli.phone;

import io.callisto.media.rtp.PortRange;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The phone's command-line options once checked.
 *
 * @param transport the SIP transport
 * @param bind      the local SIP address
 * @param password  the digest password, or null
 * @param srtp      the SRTP policy
 * @param rtpPorts  the RTP port range
 * @param play      the WAV file to send, or null (silence)
 * @param record    where to record received audio, or null
 * @param script    commands to run first
 */
record PhoneOptions(Transport transport, InetSocketAddress bind, String password, SrtpMode srtp, PortRange rtpPorts,
                    Path play, Path record, List<String> script) {

    /** off, optional or required; throws naming the option otherwise. */
    static SrtpMode srtpMode(String text) {
        for (SrtpMode m : SrtpMode.values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--srtp must be off, optional or required, not '" + text + "'");
    }

    /** The file of the n-th recording: {@code FILE.wav}, then {@code FILE-2.wav}, ... */
    Path recording(int n) {
        if (record == null || n <= 1) {
            return record;
        }
        String name = record.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).endsWith(".wav") ? name.length() - 4 : name.length();
        return record.resolveSibling(name.substring(0, dot) + "-" + n + name.substring(dot));
    }
}
