package io.callisto.media.rtp;

/**
 * The local UDP ports RTP may use. RTP takes an even port and RTCP the next odd one (RFC 3550 §11); with rtcp-mux
 * only the even port is used.
 *
 * @param first lowest port (rounded up to even)
 * @param last  highest port
 */
public record PortRange(int first, int last) {

    /** 10000-20000, the range many PBXs and softphones use. */
    public static final PortRange DEFAULT = new PortRange(10000, 20000);

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("bad RTP port range " + first + "-" + last + " (1024..65535)");
        }
        first += first & 1;
        if (first + 1 > last) {
            throw new IllegalArgumentException("RTP port range " + first + "-" + last + " holds no even/odd pair");
        }
    }

    /** Parses "10000-20000". */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("RTP port range must look like 10000-20000: " + text);
        }
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RTP port range must look like 10000-20000: " + text);
        }
    }

    /** Number of even ports (RTP/RTCP pairs) in the range. */
    public int pairs() {
        return (last - first + 1) / 2;
    }
}
