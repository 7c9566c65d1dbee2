package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * The Content-Disposition header value (RFC 3261 §20.11, §25.1): {@code disp-type *( SEMI disp-param )}, where
 * disp-type is render, session, icon, alert or an extension token and the handling parameter says whether the
 * recipient may ignore a body it does not understand ({@code optional}) or must reject the request
 * ({@code required}, the default). Also the Content-Disposition of MIME body parts (RFC 5621). Immutable.
 */
public final class ContentDisposition {
    public static final ContentDisposition SESSION = new ContentDisposition("session", Parameters.EMPTY);
    public static final ContentDisposition RENDER = new ContentDisposition("render", Parameters.EMPTY);

    private final String type;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when {@code type} is not a token
     */
    public ContentDisposition(String type, Parameters parameters) {
        this.type = Objects.requireNonNull(type, "type");
        if (!Chars.isToken(type)) {
            throw new IllegalArgumentException("disposition type must be a token: " + type);
        }
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    /** The disposition type as written, e.g. "session". */
    public String type() {
        return type;
    }

    /** True when the type is {@code t}, ignoring case. */
    public boolean is(String t) {
        return type.equalsIgnoreCase(t);
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The handling parameter in lower case, "required" when absent (§20.11). */
    public String handling() {
        String h = parameters.unquoted("handling");
        return h == null ? "required" : h.toLowerCase(Locale.ROOT);
    }

    /** True when handling=optional: a recipient that does not understand the body may ignore it. */
    public boolean isOptional() {
        return handling().equals("optional");
    }

    public ContentDisposition withParameter(String name, String value) {
        return new ContentDisposition(type, parameters.with(name, value));
    }

    static ContentDisposition parse(Cursor c) {
        String type = c.token("disposition type");
        return new ContentDisposition(type, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(24).append(type)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentDisposition d && d.type.equalsIgnoreCase(type) && d.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return type.toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
