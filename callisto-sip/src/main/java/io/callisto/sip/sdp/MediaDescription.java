package io.callisto.sip.sdp;

import io.callisto.sip.parse.ParseError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A media description (RFC 8866 §5.14): an {@code m=} line and the {@code i=}, {@code c=}, {@code b=},
 * {@code k=} and {@code a=} lines that follow it, each kept with its original bytes.
 *
 * <p>Immutable. The {@code with...} methods return a copy in which the changed lines are written in canonical
 * form and every other line keeps its bytes. A media description taken from a {@link SessionDescription} knows
 * the session-level direction and connection, which it inherits (RFC 8866 §5.7, §6.7); see
 * {@link #effectiveDirection()} and {@link #effectiveConnections()}.
 *
 * <p>Typed attribute helpers skip attributes whose values do not parse (RFC 8866 §5.13: an attribute that is
 * not understood is ignored); {@link SessionDescription#validate()} reports them.
 */
public final class MediaDescription {
    private final List<SdpLine> lines;
    private final Direction sessionDirection;
    private final Connection sessionConnection;

    MediaDescription(List<SdpLine> lines, Direction sessionDirection, Connection sessionConnection) {
        this.lines = List.copyOf(Lines.terminated(lines, false));
        this.sessionDirection = sessionDirection;
        this.sessionConnection = sessionConnection;
    }

    /** A builder for a new media description, {@code m=<media> <port> <proto> ...}. */
    public static MediaDescriptionBuilder builder(String media, int port, String proto) {
        return new MediaDescriptionBuilder(media, port, proto);
    }

    /** This media description with its last line terminated, for one that is followed by more lines. */
    MediaDescription terminated() {
        List<SdpLine> t = Lines.terminated(lines, true);
        return t == lines ? this : new MediaDescription(t, sessionDirection, sessionConnection);
    }

    MediaDescription inherit(Direction direction, Connection connection) {
        return Objects.equals(direction, sessionDirection) && Objects.equals(connection, sessionConnection)
                ? this : new MediaDescription(lines, direction, connection);
    }

    private MediaField field() {
        return (MediaField) lines.get(0).typed();
    }

    List<SdpLine> lineList() {
        return lines;
    }

    /** All lines, the m= line first, exactly as they will be written. */
    public List<SdpLine> lines() {
        return lines;
    }

    // ---- m= line (§5.14)

    /** The media type, e.g. "audio". */
    public String media() {
        return field().media();
    }

    /** The transport port. */
    public int port() {
        return field().port();
    }

    /** The number of ports ("m=video 49170/2 ..."), 1 when not written. */
    public int portCount() {
        return Math.max(1, field().portCount());
    }

    /** The transport protocol, e.g. "RTP/AVP". */
    public String proto() {
        return field().proto();
    }

    /** The formats in order of preference (§5.14); RTP payload type numbers for RTP/AVP. */
    public List<String> formats() {
        return field().formats();
    }

    /** True when the port is 0: the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public boolean isRejected() {
        return field().port() == 0;
    }

    // ---- other lines

    /** The media title, i= (§5.4), if present. */
    public Optional<String> information() {
        return Lines.firstValue(lines, 'i');
    }

    /** The media-level connections, c= (§5.7), in order; empty when the session level one applies. */
    public List<Connection> connections() {
        return Lines.all(lines, 'c', Connection.class);
    }

    /** The media-level connections if any, else the session-level one (§5.7), else empty. */
    public List<Connection> effectiveConnections() {
        List<Connection> own = connections();
        return !own.isEmpty() || sessionConnection == null ? own : List.of(sessionConnection);
    }

    /** The bandwidth lines, b= (§5.8). */
    public List<Bandwidth> bandwidths() {
        return Lines.all(lines, 'b', Bandwidth.class);
    }

    /** The (obsolete, §5.12) key line value, if present. */
    public Optional<String> key() {
        return Lines.firstValue(lines, 'k');
    }

    /** All attributes, a= (§5.13), in order. */
    public List<Attribute> attributes() {
        return Lines.attributes(lines);
    }

    /** The first attribute with this name (case-sensitive), if any. */
    public Optional<Attribute> attribute(String name) {
        return Lines.attribute(lines, name);
    }

    /** All attributes with this name (case-sensitive), in order. */
    public List<Attribute> attributes(String name) {
        return Lines.attributes(lines, name);
    }

    /** True when a property attribute {@code a=name} (without value) is present. */
    public boolean hasFlag(String name) {
        return Lines.hasFlag(lines, name);
    }

    // ---- typed attributes

    private <T> List<T> typed(String name, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes(name)) {
            if (a.value() != null) {
                try {
                    out.add(parser.apply(a.value()));
                } catch (ParseError e) {
                    // not understood: ignored (RFC 8866 §5.13)
                }
            }
        }
        return List.copyOf(out);
    }

    /** The well-formed rtpmap attributes (§6.6), in order. */
    public List<Rtpmap> rtpmaps() {
        return typed(Attribute.RTPMAP, Rtpmap::parse);
    }

    /** The rtpmap of a format (payload type), if there is a well-formed one. */
    public Optional<Rtpmap> rtpmap(String format) {
        return rtpmaps().stream().filter(r -> r.format().equals(format)).findFirst();
    }

    /** The well-formed fmtp attributes (§6.15), in order. */
    public List<Fmtp> fmtps() {
        return typed(Attribute.FMTP, Fmtp::parse);
    }

    /** The fmtp of a format, if there is a well-formed one. */
    public Optional<Fmtp> fmtp(String format) {
        return fmtps().stream().filter(f -> f.format().equals(format)).findFirst();
    }

    /** The packet time in milliseconds, a=ptime (§6.4), if present and well-formed. */
    public OptionalDouble ptime() {
        return PacketTime.of(attribute(Attribute.PTIME));
    }

    /** The maximum packet time in milliseconds, a=maxptime (§6.5), if present and well-formed. */
    public OptionalDouble maxptime() {
        return PacketTime.of(attribute(Attribute.MAXPTIME));
    }

    /** The media-level direction attribute (§6.7), if present. */
    public Optional<Direction> direction() {
        return Optional.ofNullable(Lines.direction(lines));
    }

    /**
     * The direction that applies to this stream: its own direction attribute, else the session-level one, else
     * sendrecv (RFC 8866 §6.7; RFC 3264 §5.1, §6.1).
     */
    public Direction effectiveDirection() {
        Direction own = Lines.direction(lines);
        return own != null ? own : sessionDirection != null ? sessionDirection : Direction.SENDRECV;
    }

    /** The well-formed a=rtcp attribute (RFC 3605), if present. */
    public Optional<Rtcp> rtcp() {
        return typed(Attribute.RTCP, Rtcp::parse).stream().findFirst();
    }

    /** True when a=rtcp-mux is present (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return hasFlag(Attribute.RTCP_MUX);
    }

    /** The well-formed a=crypto attributes (RFC 4568), in order of preference. */
    public List<Crypto> cryptos() {
        return typed(Attribute.CRYPTO, Crypto::parse);
    }

    // ---- modification

    private MediaDescription with(List<SdpLine> newLines) {
        return new MediaDescription(newLines, sessionDirection, sessionConnection);
    }

    private MediaDescription withField(MediaField f) {
        List<SdpLine> l = new ArrayList<>(lines);
        l.set(0, Lines.line('m', f));
        return with(l);
    }

    /** A copy with another port (0 rejects the stream, RFC 3264 §6). */
    public MediaDescription withPort(int port) {
        Fields.require(port >= 0 && port <= 65_535, "port must be 0-65535");
        return withField(field().withPort(port));
    }

    /** A copy with another transport protocol. */
    public MediaDescription withProto(String proto) {
        return withField(field().withProto(proto));
    }

    /** A copy whose m= line lists these formats; attributes are unchanged. */
    public MediaDescription withFormats(List<String> formats) {
        return withField(field().withFormats(formats));
    }

    /**
     * A copy that keeps only the given formats, in their current order, and drops the rtpmap and fmtp
     * attributes of the others (as an answer does, RFC 3264 §6.1).
     *
     * @throws IllegalArgumentException when no current format is kept
     */
    public MediaDescription retainFormats(Collection<String> keep) {
        List<String> kept = new ArrayList<>();
        for (String f : formats()) {
            if (keep.contains(f)) {
                kept.add(f);
            }
        }
        Fields.require(!kept.isEmpty(), "at least one format must remain");
        MediaDescription m = withFormats(kept);
        return m.with(Lines.removeIf(m.lines, l -> l.typed() instanceof Attribute a && a.value() != null
                && (a.is(Attribute.RTPMAP) || a.is(Attribute.FMTP)) && !kept.contains(formatOf(a.value()))));
    }

    private static String formatOf(String value) {
        String v = value.strip();
        int sp = 0;
        while (sp < v.length() && !Fields.isWs(v.charAt(sp))) {
            sp++;
        }
        return v.substring(0, sp);
    }

    /** A copy whose media-level c= lines are replaced by this one. */
    public MediaDescription withConnection(Connection c) {
        return with(Lines.replace(lines, Lines.MEDIA_ORDER, Lines.ofType('c'), 'c', List.of(Lines.line('c', c))));
    }

    /** A copy without media-level c= lines (the session-level one then applies). */
    public MediaDescription withoutConnection() {
        return with(Lines.removeIf(lines, Lines.ofType('c')));
    }

    /** A copy with the attribute added after the existing ones. */
    public MediaDescription withAttribute(Attribute a) {
        return with(Lines.insert(lines, Lines.MEDIA_ORDER, Lines.line('a', a)));
    }

    /** A copy without the attributes of this name. */
    public MediaDescription withoutAttributes(String name) {
        return with(Lines.removeIf(lines, Lines.attributeNamed(name)));
    }

    /** A copy whose direction attribute is {@code d} (replacing any present). */
    public MediaDescription withDirection(Direction d) {
        return with(Lines.replace(lines, Lines.MEDIA_ORDER, Lines::isDirection, 'a',
                List.of(Lines.line('a', d.attribute()))));
    }

    // ---- output

    void writeTo(ByteArrayOutputStream out) {
        for (SdpLine l : lines) {
            l.writeTo(out);
        }
    }

    /** The bytes of this media description. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(out);
        return out.toByteArray();
    }

    /** Equal when the lines are byte-for-byte equal (the inherited session-level values are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && lines.equals(m.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    /** The lines as text (UTF-8). */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
