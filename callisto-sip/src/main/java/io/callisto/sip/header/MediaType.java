package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * A media type with parameters: the value of Content-Type (RFC 3261 §20.15) and of each Accept range
 * (§20.1, where {@code *} may stand for the type or subtype). Type and subtype compare case-insensitively.
 */
public final class MediaType {
    public static final MediaType SDP = new MediaType("application", "sdp", Parameters.EMPTY);

    private final String type;
    private final String subtype;
    private final Parameters parameters;

    public MediaType(String type, String subtype, Parameters parameters) {
        this.type = Objects.requireNonNull(type);
        this.subtype = Objects.requireNonNull(subtype);
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    /** Parses e.g. {@code multipart/mixed;boundary=xyz}. */
    public static MediaType parse(String value) {
        return Headers.CONTENT_TYPE.parse(value).get(0);
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

    /** The parameter's value with quotes removed, or null. */
    public String parameter(String name) {
        return parameters.unquoted(name);
    }

    /** True for the same type/subtype, ignoring case and parameters. */
    public boolean is(String type, String subtype) {
        return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
    }

    /** type/subtype in lower case, without parameters. */
    public String essence() {
        return (type + '/' + subtype).toLowerCase(Locale.ROOT);
    }

    static MediaType parse(Cursor c) {
        String t = c.token("media type");
        if (!c.acceptSep('/')) {
            throw c.error("'/' expected in media type");
        }
        String s = c.token("media subtype");
        return new MediaType(t, s, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(type).append('/').append(subtype)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType m && m.type.equalsIgnoreCase(type) && m.subtype.equalsIgnoreCase(subtype)
                && m.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return essence().hashCode();
    }
}
