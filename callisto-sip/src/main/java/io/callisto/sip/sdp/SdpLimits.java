package io.callisto.sip.sdp;

/**
 * Resource limits applied while parsing a session description, so that any input is parsed in bounded time
 * and memory.
 *
 * <p>RFC 8866 sets no limits of its own; these defaults are generous for real offers and answers (a WebRTC
 * offer with many media sections and ICE candidates stays well within them) while refusing absurd input.
 *
 * @param maxBytes      the largest accepted body, in bytes
 * @param maxLines      the largest accepted number of lines (trailing empty lines not counted)
 * @param maxLineLength the longest accepted line, in bytes, not counting its line ending
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength) {

    /** 256 KiB, 4096 lines, 4096 bytes per line. */
    public static final SdpLimits DEFAULT = new SdpLimits(256 * 1024, 4096, 4096);

    /**
     * Checks that every limit is positive.
     *
     * @throws IllegalArgumentException when a limit is zero or negative
     */
    public SdpLimits {
        if (maxBytes <= 0 || maxLines <= 0 || maxLineLength <= 0) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
