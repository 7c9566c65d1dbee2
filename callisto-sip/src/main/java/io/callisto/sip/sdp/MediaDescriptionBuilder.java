package io.callisto.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a new {@link MediaDescription}, written in canonical form: lines in the RFC 8866 §5 order
 * (m, i, c, b, a) whatever the order of the calls, attributes in the order they were added, CRLF line ends.
 *
 * <pre>{@code
 * MediaDescription audio = MediaDescription.builder("audio", 49170, "RTP/AVP")
 *         .rtpmap(Rtpmap.PCMU).rtpmap(Rtpmap.PCMA)
 *         .rtpmap(Rtpmap.telephoneEvent(101)).fmtp(new Fmtp("101", "0-16"))
 *         .ptime(20).direction(Direction.SENDRECV)
 *         .build();
 * }</pre>
 */
public final class MediaDescriptionBuilder {
    private final String media;
    private final int port;
    private final String proto;
    private int portCount;
    private final List<String> formats = new ArrayList<>();
    private String information;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();

    MediaDescriptionBuilder(String media, int port, String proto) {
        this.media = media;
        this.port = port;
        this.proto = proto;
    }

    /** Writes "port/count" on the m= line (§5.14, hierarchical encoding). */
    public MediaDescriptionBuilder portCount(int count) {
        Fields.require(count >= 1, "port count must be at least 1");
        this.portCount = count;
        return this;
    }

    /** Adds a format to the m= line (if not already listed). */
    public MediaDescriptionBuilder format(String format) {
        if (!formats.contains(format)) {
            formats.add(format);
        }
        return this;
    }

    /** Adds the payload type to the m= line and an a=rtpmap attribute for it (§6.6). */
    public MediaDescriptionBuilder rtpmap(Rtpmap rtpmap) {
        format(rtpmap.format());
        return attribute(rtpmap.toAttribute());
    }

    /** Adds an a=fmtp attribute (§6.15). */
    public MediaDescriptionBuilder fmtp(Fmtp fmtp) {
        return attribute(fmtp.toAttribute());
    }

    /** Sets the media title, i= (§5.4). */
    public MediaDescriptionBuilder information(String text) {
        Fields.require(Fields.isByteString(text), "information must not hold NUL, CR or LF");
        this.information = text;
        return this;
    }

    /** Adds a media-level c= line (§5.7). */
    public MediaDescriptionBuilder connection(Connection c) {
        connections.add(c);
        return this;
    }

    /** Adds a b= line (§5.8). */
    public MediaDescriptionBuilder bandwidth(Bandwidth b) {
        bandwidths.add(b);
        return this;
    }

    /** Adds an attribute. */
    public MediaDescriptionBuilder attribute(Attribute a) {
        attributes.add(a);
        return this;
    }

    /** Adds {@code a=ptime:<ms>} (§6.4). */
    public MediaDescriptionBuilder ptime(int millis) {
        Fields.require(millis > 0, "ptime must be positive");
        return attribute(Attribute.of(Attribute.PTIME, Integer.toString(millis)));
    }

    /** Adds {@code a=maxptime:<ms>} (§6.5). */
    public MediaDescriptionBuilder maxptime(int millis) {
        Fields.require(millis > 0, "maxptime must be positive");
        return attribute(Attribute.of(Attribute.MAXPTIME, Integer.toString(millis)));
    }

    /** Adds the direction attribute (§6.7); an earlier one set through this method is replaced. */
    public MediaDescriptionBuilder direction(Direction d) {
        attributes.removeIf(a -> Direction.of(a) != null);
        return attribute(d.attribute());
    }

    /** Adds {@code a=rtcp} (RFC 3605). */
    public MediaDescriptionBuilder rtcp(Rtcp rtcp) {
        return attribute(rtcp.toAttribute());
    }

    /** Adds {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    public MediaDescriptionBuilder rtcpMux() {
        return attribute(Attribute.flag(Attribute.RTCP_MUX));
    }

    /** Adds {@code a=crypto} (RFC 4568). */
    public MediaDescriptionBuilder crypto(Crypto crypto) {
        return attribute(crypto.toAttribute());
    }

    /**
     * Builds the media description.
     *
     * @throws IllegalArgumentException when a field is invalid or no format was given
     */
    public MediaDescription build() {
        Fields.require(!formats.isEmpty(), "a media description needs at least one format");
        List<SdpLine> lines = new ArrayList<>();
        lines.add(Lines.line('m', new MediaField(media, port, portCount, proto, formats)));
        if (information != null) {
            lines.add(SdpLine.of('i', information, null));
        }
        for (Connection c : connections) {
            lines.add(Lines.line('c', c));
        }
        for (Bandwidth b : bandwidths) {
            lines.add(Lines.line('b', b));
        }
        for (Attribute a : attributes) {
            lines.add(Lines.line('a', a));
        }
        return new MediaDescription(lines, null, null);
    }
}
