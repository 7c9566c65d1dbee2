package io.callisto.media.sdp.internal;

import io.callisto.media.sdp.Codec;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Rtpmap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Payload-type matching between offers, answers and local codecs (RFC 3264 §6.1, RFC 3551 §6 static types). */
public final class Formats {

    private Formats() {
    }

    /** The formats (payload types) of codecs, in order. */
    public static List<String> of(List<Codec> codecs) {
        List<String> out = new ArrayList<>();
        for (Codec c : codecs) {
            out.add(Integer.toString(c.payloadType()));
        }
        return out;
    }

    /**
     * The rtpmap of a format: its a=rtpmap, else the RFC 3551 §6 static assignment for the common static
     * payload types, else empty (not an RTP payload type, or an unknown static or unmapped dynamic one).
     */
    public static Optional<Rtpmap> rtpmap(MediaDescription m, String format) {
        Optional<Rtpmap> own = m.rtpmap(format);
        if (own.isPresent()) {
            return own;
        }
        return switch (format) {
            case "0" -> Optional.of(Rtpmap.PCMU);
            case "3" -> Optional.of(Rtpmap.of(3, "GSM", 8000));
            case "4" -> Optional.of(Rtpmap.of(4, "G723", 8000));
            case "8" -> Optional.of(Rtpmap.PCMA);
            case "9" -> Optional.of(Rtpmap.G722);
            case "13" -> Optional.of(Rtpmap.of(13, "CN", 8000));
            case "18" -> Optional.of(Rtpmap.G729);
            default -> Optional.empty();
        };
    }

    /**
     * The codecs to answer with (RFC 3264 §6.1): the offered formats this side supports, in the offer's order,
     * each under the offer's payload type. A static type (0-95) matches a local codec with the same number (and
     * the same encoding when the offer maps it); a dynamic type matches by encoding name, clock rate and
     * channels. The local fmtp is kept. At most one telephone-event is kept.
     */
    public static List<Codec> answer(MediaDescription offered, List<Codec> local) {
        List<Codec> out = new ArrayList<>();
        boolean event = false;
        for (String f : offered.formats()) {
            Optional<Rtpmap> map = rtpmap(offered, f);
            int pt = payloadType(f);
            if (pt < 0) {
                continue;
            }
            for (Codec c : local) {
                if (matches(c, pt, map)) {
                    if (c.isTelephoneEvent()) {
                        if (event) {
                            break;
                        }
                        event = true;
                    }
                    Rtpmap r = c.rtpmap();
                    out.add(new Codec(new Rtpmap(pt, r.encodingName(), r.clockRate(), r.channels()), c.fmtp()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean matches(Codec c, int pt, Optional<Rtpmap> offered) {
        if (pt < 96) {
            return c.payloadType() == pt && (offered.isEmpty() || c.sameEncoding(offered.get()));
        }
        return offered.isPresent() && c.sameEncoding(offered.get());
    }

    /** The payload type of a format, or -1 when it is not 0-127. */
    public static int payloadType(String format) {
        if (format.isEmpty() || format.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < format.length(); i++) {
            char ch = format.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + ch - '0';
        }
        return v <= 127 ? v : -1;
    }
}
