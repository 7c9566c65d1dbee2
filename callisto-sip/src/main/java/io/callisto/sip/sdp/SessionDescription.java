package io.callisto.sip.sdp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 8866): the session-level section and its media descriptions, each line kept with
 * its original bytes so that {@link #toBytes()} of a parsed description returns exactly the parsed input (line
 * endings, spacing and unknown lines included).
 *
 * <p>Parsing is total and linear: any input yields a value or a {@link io.callisto.sip.parse.ParseError} naming
 * the line and the byte offset that broke the §9 grammar or an {@link SdpLimits limit}. It accepts CRLF and bare
 * LF line ends (§5), keeps lines of unknown type letters (§5), tolerates an empty s= (as the RFC 3264 examples
 * have it), runs of spaces between subfields, a missing line end after the last line and trailing empty lines.
 * Attribute values are not interpreted by {@code parse}: {@link #validate()} (or {@code parseStrict}) checks the
 * ones this package knows.
 *
 * <p>Immutable. The {@code with...} methods return copies whose changed lines are written in canonical form
 * (CRLF) while every other line keeps its bytes.
 */
public final class SessionDescription {
    private final List<SdpLine> lines;
    private final List<MediaDescription> media;
    private final byte[] trailer;
    private final int base;

    private SessionDescription(List<SdpLine> lines, List<MediaDescription> media, byte[] trailer, int base) {
        // only the very last line may lack a line end (RFC 8866 §5 wants CRLF; a missing last one is tolerated)
        this.lines = List.copyOf(Lines.terminated(lines, !media.isEmpty()));
        Direction d = Lines.direction(this.lines);
        Connection c = Lines.first(this.lines, 'c', Connection.class);
        List<MediaDescription> bound = new ArrayList<>(media.size());
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i).inherit(d, c);
            bound.add(i < media.size() - 1 ? m.terminated() : m);
        }
        this.media = List.copyOf(bound);
        this.trailer = trailer;
        this.base = base;
    }

    static SessionDescription create(List<SdpLine> session, List<List<SdpLine>> media, byte[] trailer, int base) {
        List<MediaDescription> list = new ArrayList<>(media.size());
        for (List<SdpLine> m : media) {
            list.add(new MediaDescription(m, null, null));
        }
        return new SessionDescription(session, list, trailer, base);
    }

    static SessionDescription of(List<SdpLine> session, List<MediaDescription> media) {
        return new SessionDescription(session, media, new byte[0], 0);
    }

    // ---- parsing

    /**
     * Parses {@code b[from, to)} with the {@link SdpLimits#DEFAULT default limits}. Error offsets are indexes
     * into {@code b}.
     *
     * @throws io.callisto.sip.parse.ParseError when the bytes are not a session description
     * @throws IndexOutOfBoundsException        when the range is not within {@code b} (a caller's bug)
     */
    public static SessionDescription parse(byte[] b, int from, int to) {
        return SdpParser.parse(b, from, to, SdpLimits.DEFAULT);
    }

    /** Parses {@code b[from, to)} with the given limits. */
    public static SessionDescription parse(byte[] b, int from, int to, SdpLimits limits) {
        return SdpParser.parse(b, from, to, limits);
    }

    /** Parses the whole array. */
    public static SessionDescription parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /** Parses a string (encoded as UTF-8; offsets in errors are byte offsets). */
    public static SessionDescription parse(String s) {
        return parse(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses, then {@link #validate() validates}. */
    public static SessionDescription parseStrict(byte[] b, int from, int to) {
        return parse(b, from, to).validate();
    }

    /** Parses a string, then {@link #validate() validates}. */
    public static SessionDescription parseStrict(String s) {
        return parse(s).validate();
    }

    /**
     * Checks what {@code parse} leaves alone: the values of the attributes this package types (rtpmap, fmtp,
     * ptime, maxptime, rtcp, rtcp-mux, crypto, the direction attributes), at most one direction attribute per
     * level and one rtpmap per format (RFC 8866 §6.6, §6.7), no a=rtcp at session level (RFC 3605 §2.1), and a
     * c= line for every media description unless the session level has one (§5.7).
     *
     * @return this description
     * @throws io.callisto.sip.parse.ParseError naming the first offending line
     */
    public SessionDescription validate() {
        SdpValidator.validate(this);
        return this;
    }

    /** A builder for a new session description. */
    public static SessionDescriptionBuilder builder() {
        return new SessionDescriptionBuilder();
    }

    int base() {
        return base;
    }

    // ---- session level (§5.1-§5.13)

    /** The protocol version, v= (§5.1); 0. */
    public int version() {
        return Lines.first(lines, 'v', Integer.class);
    }

    /** The origin, o= (§5.2). */
    public Origin origin() {
        return Lines.first(lines, 'o', Origin.class);
    }

    /** The session name, s= (§5.3), as written (possibly empty or a single space). */
    public String sessionName() {
        return Lines.firstValue(lines, 's').orElse("");
    }

    /** The session information, i= (§5.4), if present. */
    public Optional<String> information() {
        return Lines.firstValue(lines, 'i');
    }

    /** The URI, u= (§5.5), if present. */
    public Optional<String> uri() {
        return Lines.firstValue(lines, 'u');
    }

    /** The e= lines (§5.6), as written. */
    public List<String> emails() {
        return Lines.values(lines, 'e');
    }

    /** The p= lines (§5.6), as written. */
    public List<String> phones() {
        return Lines.values(lines, 'p');
    }

    /** The session-level connection, c= (§5.7), if present. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(Lines.first(lines, 'c', Connection.class));
    }

    /** The session-level bandwidths, b= (§5.8). */
    public List<Bandwidth> bandwidths() {
        return Lines.all(lines, 'b', Bandwidth.class);
    }

    /** The time descriptions, t= with their r= and z= lines (§5.9-§5.11); at least one. */
    public List<Timing> timings() {
        List<Timing> out = new ArrayList<>();
        Timing t = null;
        for (SdpLine l : lines) {
            Object v = l.typed();
            if (v instanceof Timing timing) {
                if (t != null) {
                    out.add(t);
                }
                t = timing;
            } else if (t != null && v instanceof Timing.Repeat r) {
                t = t.withRepeat(r);
            } else if (t != null && v instanceof SdpParser.ZoneLine z) {
                t = t.withZoneAdjustments(z.adjustments());
            }
        }
        if (t != null) {
            out.add(t);
        }
        return List.copyOf(out);
    }

    /** The time zone adjustments (z=, §5.11) of all time descriptions, in order. */
    public List<Timing.ZoneAdjustment> zoneAdjustments() {
        List<Timing.ZoneAdjustment> out = new ArrayList<>();
        for (Timing t : timings()) {
            out.addAll(t.zoneAdjustments());
        }
        return List.copyOf(out);
    }

    /** The (obsolete, §5.12) session-level key line value, if present. */
    public Optional<String> key() {
        return Lines.firstValue(lines, 'k');
    }

    /** The session-level attributes, a= (§5.13), in order. */
    public List<Attribute> attributes() {
        return Lines.attributes(lines);
    }

    /** The first session-level attribute with this name (case-sensitive), if any. */
    public Optional<Attribute> attribute(String name) {
        return Lines.attribute(lines, name);
    }

    /** The session-level attributes with this name (case-sensitive). */
    public List<Attribute> attributes(String name) {
        return Lines.attributes(lines, name);
    }

    /** True when the session-level property attribute {@code a=name} (without value) is present. */
    public boolean hasFlag(String name) {
        return Lines.hasFlag(lines, name);
    }

    /** The session-level direction attribute (§6.7), the default of every media description, if present. */
    public Optional<Direction> direction() {
        return Optional.ofNullable(Lines.direction(lines));
    }

    /** The media descriptions (§5.14), in order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The media description at {@code index}. */
    public MediaDescription media(int index) {
        return media.get(index);
    }

    /** The session-level lines, exactly as they will be written (unknown type letters included). */
    public List<SdpLine> lines() {
        return lines;
    }

    // ---- modification

    private SessionDescription with(List<SdpLine> newLines) {
        return new SessionDescription(newLines, media, trailer, 0);
    }

    private SessionDescription replace(char type, Object typed) {
        return with(Lines.replace(lines, Lines.SESSION_ORDER, Lines.ofType(type), type,
                List.of(Lines.line(type, typed))));
    }

    /** A copy with another origin. */
    public SessionDescription withOrigin(Origin origin) {
        return replace('o', origin);
    }

    /** A copy whose origin's session version is incremented (RFC 3264 §8). */
    public SessionDescription withNextVersion() {
        return withOrigin(origin().nextVersion());
    }

    /** A copy with another session name. */
    public SessionDescription withSessionName(String name) {
        return with(Lines.replace(lines, Lines.SESSION_ORDER, Lines.ofType('s'), 's',
                List.of(SdpLine.of('s', name, null))));
    }

    /** A copy with this session-level connection (replacing any). */
    public SessionDescription withConnection(Connection c) {
        return replace('c', c);
    }

    /** A copy without a session-level connection. */
    public SessionDescription withoutConnection() {
        return with(Lines.removeIf(lines, Lines.ofType('c')));
    }

    /**
     * A copy with these time descriptions replacing the current ones.
     *
     * @throws IllegalArgumentException when the list is empty (§5: one or more are required)
     */
    public SessionDescription withTimings(List<Timing> timings) {
        Fields.require(!timings.isEmpty(), "at least one time description is required");
        List<SdpLine> rendered = new ArrayList<>();
        for (Timing t : timings) {
            rendered.add(Lines.line('t', Timing.of(t.start(), t.stop())));
            for (Timing.Repeat r : t.repeats()) {
                rendered.add(Lines.line('r', r));
            }
            if (!t.zoneAdjustments().isEmpty()) {
                rendered.add(Lines.line('z', new SdpParser.ZoneLine(t.zoneAdjustments())));
            }
        }
        return with(Lines.replace(lines, Lines.SESSION_ORDER, l -> "trz".indexOf(l.type()) >= 0, 't', rendered));
    }

    /** A copy with a session-level attribute added after the existing ones. */
    public SessionDescription withAttribute(Attribute a) {
        return with(Lines.insert(lines, Lines.SESSION_ORDER, Lines.line('a', a)));
    }

    /** A copy without the session-level attributes of this name. */
    public SessionDescription withoutAttributes(String name) {
        return with(Lines.removeIf(lines, Lines.attributeNamed(name)));
    }

    /** A copy whose session-level direction attribute is {@code d} (replacing any). */
    public SessionDescription withDirection(Direction d) {
        return with(Lines.replace(lines, Lines.SESSION_ORDER, Lines::isDirection, 'a',
                List.of(Lines.line('a', d.attribute()))));
    }

    /** A copy without a session-level direction attribute. */
    public SessionDescription withoutDirection() {
        return with(Lines.removeIf(lines, Lines::isDirection));
    }

    /** A copy with the media description at {@code index} replaced. */
    public SessionDescription withMedia(int index, MediaDescription m) {
        List<MediaDescription> list = new ArrayList<>(media);
        list.set(index, m);
        return new SessionDescription(lines, list, trailer, 0);
    }

    /** A copy with these media descriptions replacing the current ones. */
    public SessionDescription withMedia(List<MediaDescription> list) {
        return new SessionDescription(lines, list, trailer, 0);
    }

    /** A copy with a media description added at the end (RFC 3264 §8.1). */
    public SessionDescription addMedia(MediaDescription m) {
        List<MediaDescription> list = new ArrayList<>(media);
        list.add(m);
        return new SessionDescription(lines, list, trailer, 0);
    }

    // ---- output

    /** The description's bytes; for a parsed and unmodified description, exactly the parsed input. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (SdpLine l : lines) {
            l.writeTo(out);
        }
        for (MediaDescription m : media) {
            m.writeTo(out);
        }
        out.write(trailer, 0, trailer.length);
        return out.toByteArray();
    }

    /** Equal when written to the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && lines.equals(s.lines) && media.equals(s.media)
                && Arrays.equals(trailer, s.trailer);
    }

    @Override
    public int hashCode() {
        return 31 * lines.hashCode() + media.hashCode();
    }

    /** The description as text: {@link #toBytes()} decoded as UTF-8. */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
