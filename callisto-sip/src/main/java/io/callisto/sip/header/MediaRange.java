package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * One element of an Accept header (RFC 3261 §20.1 and §25.1 {@code accept-range}): a media range, where
 * <code>*&#47;*</code> or {@code type/*} stand for several media types, with parameters, among them the preference
 * {@code q} (a qvalue, 0 to 1). Type and subtype compare case-insensitively. Immutable.
 */
public final class MediaRange {
    /** <code>*&#47;*</code>: any media type. */
    public static final MediaRange ANY = new MediaRange("*", "*", Parameters.EMPTY);

    private final String type;
    private final String subtype;
    private final Parameters parameters;
    private final int q;

    /**
     * A media range; {@code type} may be "*" only when {@code subtype} is "*" too.
     *
     * @throws IllegalArgumentException when a wildcard is misplaced or the q parameter is not a qvalue
     */
    public MediaRange(String type, String subtype, Parameters parameters) {
        this.type = Objects.requireNonNull(type, "type");
        this.subtype = Objects.requireNonNull(subtype, "subtype");
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        if (type.equals("*") && !subtype.equals("*")) {
            throw new IllegalArgumentException("'*' type requires '*' subtype");
        }
        int qv = this.parameters.has("q") ? MoreScalars.qvalue(this.parameters.get("q")) : 1000;
        if (qv < 0) {
            throw new IllegalArgumentException("q is not a qvalue: " + this.parameters.get("q"));
        }
        this.q = qv;
    }

    /** The range that accepts exactly {@code type} (its parameters included). */
    public static MediaRange of(MediaType type) {
        return new MediaRange(type.type(), type.subtype(), type.parameters());
    }

    public String type() {
        return type;
    }

    public String subtype() {
        return subtype;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The q parameter, 1.0 when absent. */
    public double q() {
        return MoreScalars.q(q);
    }

    /** True when this range includes the media type {@code t} (type and subtype only; wildcards match anything). */
    public boolean matches(MediaType t) {
        return (type.equals("*") || type.equalsIgnoreCase(t.type()))
                && (subtype.equals("*") || subtype.equalsIgnoreCase(t.subtype()));
    }

    /** media-range *(SEMI accept-param), with the q parameter checked. */
    static MediaRange parse(Cursor c) {
        int at = c.pos;
        String t = c.token("media type");
        if (!c.acceptSep('/')) {
            throw c.error("'/' expected in media range");
        }
        String s = c.token("media subtype");
        if (t.equals("*") && !s.equals("*")) {
            throw c.error("'*' type requires '*' subtype", at);
        }
        int paramsAt = c.pos;
        Parameters p = ParamParser.parse(c);
        MoreScalars.checkQ(c, p, paramsAt);
        return new MediaRange(t, s, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(32).append(type).append('/').append(subtype)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaRange m && m.type.equalsIgnoreCase(type) && m.subtype.equalsIgnoreCase(subtype)
                && m.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return (type + '/' + subtype).toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
