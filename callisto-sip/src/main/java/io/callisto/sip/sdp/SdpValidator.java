package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of {@link SessionDescription#validate()}: the values of the attributes this package knows, and
 * the rules of RFC 8866, RFC 3605 and RFC 4568 that the line grammar alone does not enforce.
 *
 * <p>Errors carry the line number and the byte offset of the offending byte in {@link SessionDescription#toBytes()}
 * (for a parsed description, in the parsed input).
 */
final class SdpValidator {
    private int offset;
    private int lineNo;

    private SdpValidator(int base) {
        this.offset = base;
    }

    static void validate(SessionDescription sd) {
        SdpValidator v = new SdpValidator(sd.base());
        int version = sd.version();
        if (version != 0) {
            throw new ParseError("line 1: unsupported SDP version " + version + " (RFC 8866 §5.1 defines 0)",
                    sd.base() + 2);
        }
        v.section(sd.lines(), false);
        boolean sessionConnection = sd.connection().isPresent();
        for (MediaDescription m : sd.media()) {
            int mOffset = v.offset;
            int mLine = v.lineNo + 1;
            v.section(m.lineList(), true);
            if (!sessionConnection && m.connections().isEmpty()) {
                throw new ParseError("line " + mLine + ": media description has no c= line and the session has "
                        + "none (RFC 8866 §5.7)", mOffset);
            }
        }
    }

    private void section(List<SdpLine> lines, boolean mediaLevel) {
        boolean direction = false;
        Set<String> rtpmapFormats = new HashSet<>();
        for (SdpLine l : lines) {
            lineNo++;
            if (l.typed() instanceof Attribute a) {
                int valueAt = l.valueStart() + a.name().length() + 1;
                if (Direction.fromAttributeName(a.name()).isPresent()) {
                    flag(l, a);
                    if (direction) {
                        throw error("more than one direction attribute (RFC 8866 §6.7)", l, l.valueStart());
                    }
                    direction = true;
                } else if (a.is(Attribute.RTCP_MUX)) {
                    flag(l, a);
                } else if (a.is(Attribute.RTCP) && !mediaLevel) {
                    throw error("a=rtcp not allowed at session level (RFC 3605 §2.1)", l, l.valueStart());
                } else if (isTyped(a.name())) {
                    if (a.value() == null) {
                        throw error("bad " + a.name() + ": value expected", l, l.valueEnd());
                    }
                    Object typed = parse(a.name(), l, valueAt);
                    if (typed instanceof Rtpmap r && !rtpmapFormats.add(r.format())) {
                        throw error("duplicate rtpmap for payload type " + r.format() + " (RFC 8866 §6.6)", l,
                                valueAt);
                    }
                }
            }
            offset += l.length();
        }
    }

    private static boolean isTyped(String name) {
        return switch (name) {
            case Attribute.RTPMAP, Attribute.FMTP, Attribute.PTIME, Attribute.MAXPTIME, Attribute.RTCP,
                    Attribute.CRYPTO -> true;
            default -> false;
        };
    }

    private void flag(SdpLine l, Attribute a) {
        if (a.value() != null) {
            throw error("a=" + a.name() + " takes no value", l, l.valueStart() + a.name().length());
        }
    }

    private Object parse(String name, SdpLine l, int valueAt) {
        Cursor c = new Cursor(l.array(), valueAt, l.valueEnd());
        try {
            return switch (name) {
                case Attribute.RTPMAP -> Rtpmap.parse(c);
                case Attribute.FMTP -> Fmtp.parse(c);
                case Attribute.PTIME, Attribute.MAXPTIME -> PacketTime.parse(c, "bad " + name);
                case Attribute.RTCP -> Rtcp.parse(c);
                default -> Crypto.parse(c);
            };
        } catch (ParseError e) {
            throw new ParseError("line " + lineNo + ": " + e.reason(), offset + e.offset() - l.start());
        }
    }

    private ParseError error(String reason, SdpLine l, int at) {
        return new ParseError("line " + lineNo + ": " + reason, offset + at - l.start());
    }
}
