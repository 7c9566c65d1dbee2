package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;

/**
 * The value of an {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * attribute (RFC 8866 §6.6).
 *
 * <p>The payload type is a 7-bit RTP field (0-127, §6.6). For audio the encoding parameters are the number of
 * channels, optional when it is one; {@link #channels()} is 0 when none were written. Encoding names are
 * case-insensitive (RFC 4855 §3, recalled in RFC 8866 §5.14): compare them with {@link #isEncoding(String)}.
 *
 * @param payloadType  the RTP payload type, 0-127
 * @param encodingName the encoding name (a media subtype such as "PCMU" or "telephone-event")
 * @param clockRate    the RTP clock rate in Hz, positive
 * @param channels     the number of audio channels, or 0 when not written
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, int channels) {

    private static final String CTX = "bad rtpmap";

    /** G.711 mu-law, static payload type 0 (RFC 3551 §6). */
    public static final Rtpmap PCMU = new Rtpmap(0, "PCMU", 8000, 0);
    /** G.711 A-law, static payload type 8 (RFC 3551 §6). */
    public static final Rtpmap PCMA = new Rtpmap(8, "PCMA", 8000, 0);
    /** G.722, static payload type 9; its RTP clock rate is 8000 though it samples at 16 kHz (RFC 3551 §4.5.2). */
    public static final Rtpmap G722 = new Rtpmap(9, "G722", 8000, 0);
    /** G.729, static payload type 18 (RFC 3551 §6). */
    public static final Rtpmap G729 = new Rtpmap(18, "G729", 8000, 0);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the payload type is not 0-127, the encoding name not a token, the clock
     *                                  rate not positive or the channels negative
     */
    public Rtpmap {
        Fields.require(payloadType >= 0 && payloadType <= 127, "payload type must be 0-127");
        Fields.require(Fields.isToken(encodingName), "encoding name must be a token");
        Fields.require(clockRate > 0, "clock rate must be positive");
        Fields.require(channels >= 0, "channels must not be negative");
    }

    /** An rtpmap without encoding parameters. */
    public static Rtpmap of(int payloadType, String encodingName, int clockRate) {
        return new Rtpmap(payloadType, encodingName, clockRate, 0);
    }

    /** {@code telephone-event/8000} on a dynamic payload type (RFC 4733 §7.1.1). */
    public static Rtpmap telephoneEvent(int payloadType) {
        return new Rtpmap(payloadType, "telephone-event", 8000, 0);
    }

    /**
     * Parses an rtpmap attribute value (the text after "a=rtpmap:").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the §6.6 grammar
     */
    public static Rtpmap parse(String value) {
        return parse(Cursor.of(value));
    }

    static Rtpmap parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length == 0) {
            throw Fields.error(CTX, "payload type expected", c.end);
        }
        long pt = Fields.number(c, f[0], f[1], CTX, "payload type", 3);
        if (pt > 127) {
            throw Fields.error(CTX, "payload type out of range", f[0]);
        }
        if (f.length < 4) {
            throw Fields.error(CTX, "encoding name expected", c.end);
        }
        if (f.length > 4) {
            throw Fields.error(CTX, "unexpected space in encoding", f[4]);
        }
        int s = f[2];
        int e = f[3];
        int slash = s;
        while (slash < e && c.b[slash] != '/') {
            slash++;
        }
        String name = Fields.token(c, s, slash, CTX, "encoding name");
        if (slash == e) {
            throw Fields.error(CTX, "clock rate expected", e);
        }
        int slash2 = slash + 1;
        while (slash2 < e && c.b[slash2] != '/') {
            slash2++;
        }
        long rate = Fields.number(c, slash + 1, slash2, CTX, "clock rate", 9);
        if (rate == 0) {
            throw Fields.error(CTX, "clock rate must not be zero", slash + 1);
        }
        long channels = 0;
        if (slash2 < e) {
            channels = Fields.number(c, slash2 + 1, e, CTX, "channels", 4);
            if (channels == 0) {
                throw Fields.error(CTX, "channels must not be zero", slash2 + 1);
            }
        }
        return new Rtpmap((int) pt, name, (int) rate, (int) channels);
    }

    /** The number of channels, 1 when not written (§6.6). */
    public int effectiveChannels() {
        return channels == 0 ? 1 : channels;
    }

    /** The payload type as a format string of the m= line, e.g. "0". */
    public String format() {
        return Integer.toString(payloadType);
    }

    /** True when the encoding name equals {@code name}, ignoring case (RFC 4855 §3). */
    public boolean isEncoding(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    /** The value in canonical form, as written after "a=rtpmap:". */
    @Override
    public String toString() {
        String s = payloadType + " " + encodingName + '/' + clockRate;
        return channels == 0 ? s : s + '/' + channels;
    }

    /** This rtpmap as an attribute. */
    public Attribute toAttribute() {
        return Attribute.of(Attribute.RTPMAP, toString());
    }
}
