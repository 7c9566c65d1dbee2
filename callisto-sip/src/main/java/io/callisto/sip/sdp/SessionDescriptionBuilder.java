package io.callisto.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a new {@link SessionDescription}, written in canonical form: "v=0", lines in the RFC 8866 §5 order
 * whatever the order of the calls, CRLF line ends. The session name defaults to "-" (§5.3) and the timing to
 * "t=0 0" (RFC 3264 §5); an origin is required.
 *
 * <pre>{@code
 * SessionDescription offer = SessionDescription.builder()
 *         .origin(Origin.of("alice", 2890844526L, 2890844526L, "192.0.2.10"))
 *         .connection(Connection.ip4("192.0.2.10"))
 *         .media(MediaDescription.builder("audio", 49170, "RTP/AVP")
 *                 .rtpmap(Rtpmap.PCMU).rtpmap(Rtpmap.PCMA).rtpmap(Rtpmap.telephoneEvent(101))
 *                 .fmtp(new Fmtp("101", "0-16")).build())
 *         .build();
 * }</pre>
 */
public final class SessionDescriptionBuilder {
    private Origin origin;
    private String sessionName = "-";
    private String information;
    private String uri;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();

    SessionDescriptionBuilder() {}

    private static String text(String s, String what) {
        Fields.require(s != null && Fields.isByteString(s), what + " must not hold NUL, CR or LF");
        return s;
    }

    /** Sets the origin, o= (§5.2). Required. */
    public SessionDescriptionBuilder origin(Origin o) {
        this.origin = Objects.requireNonNull(o, "origin");
        return this;
    }

    /** Sets the session name, s= (§5.3); "-" by default. */
    public SessionDescriptionBuilder sessionName(String name) {
        this.sessionName = text(name, "session name");
        return this;
    }

    /** Sets the session information, i= (§5.4). */
    public SessionDescriptionBuilder information(String text) {
        this.information = text(text, "information");
        return this;
    }

    /** Sets the URI, u= (§5.5). */
    public SessionDescriptionBuilder uri(String text) {
        this.uri = text(text, "uri");
        return this;
    }

    /** Adds an e= line (§5.6). */
    public SessionDescriptionBuilder email(String text) {
        emails.add(text(text, "email"));
        return this;
    }

    /** Adds a p= line (§5.6). */
    public SessionDescriptionBuilder phone(String text) {
        phones.add(text(text, "phone"));
        return this;
    }

    /** Sets the session-level connection, c= (§5.7). */
    public SessionDescriptionBuilder connection(Connection c) {
        this.connection = c;
        return this;
    }

    /** Adds a session-level b= line (§5.8). */
    public SessionDescriptionBuilder bandwidth(Bandwidth b) {
        bandwidths.add(Objects.requireNonNull(b, "bandwidth"));
        return this;
    }

    /** Adds a time description (§5.9); without any, "t=0 0" is written. */
    public SessionDescriptionBuilder timing(Timing t) {
        timings.add(Objects.requireNonNull(t, "timing"));
        return this;
    }

    /** Adds a session-level attribute. */
    public SessionDescriptionBuilder attribute(Attribute a) {
        attributes.add(Objects.requireNonNull(a, "attribute"));
        return this;
    }

    /** Sets the session-level direction attribute (§6.7), replacing one set before. */
    public SessionDescriptionBuilder direction(Direction d) {
        attributes.removeIf(a -> Direction.of(a) != null);
        return attribute(d.attribute());
    }

    /** Adds a media description. */
    public SessionDescriptionBuilder media(MediaDescription m) {
        media.add(Objects.requireNonNull(m, "media"));
        return this;
    }

    /**
     * Builds the session description.
     *
     * @throws IllegalStateException when no origin was set
     */
    public SessionDescription build() {
        if (origin == null) {
            throw new IllegalStateException("an origin (o=) is required");
        }
        List<SdpLine> lines = new ArrayList<>();
        lines.add(SdpLine.of('v', "0", 0));
        lines.add(Lines.line('o', origin));
        lines.add(SdpLine.of('s', sessionName, null));
        if (information != null) {
            lines.add(SdpLine.of('i', information, null));
        }
        if (uri != null) {
            lines.add(SdpLine.of('u', uri, null));
        }
        for (String e : emails) {
            lines.add(SdpLine.of('e', e, null));
        }
        for (String p : phones) {
            lines.add(SdpLine.of('p', p, null));
        }
        if (connection != null) {
            lines.add(Lines.line('c', connection));
        }
        for (Bandwidth b : bandwidths) {
            lines.add(Lines.line('b', b));
        }
        SessionDescription sd = SessionDescription.of(lines, media);
        sd = sd.withTimings(timings.isEmpty() ? List.of(Timing.PERMANENT) : timings);
        for (Attribute a : attributes) {
            sd = sd.withAttribute(a);
        }
        return sd;
    }
}
