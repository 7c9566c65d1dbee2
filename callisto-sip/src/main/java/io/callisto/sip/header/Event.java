package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.List;
import java.util.Objects;

/**
 * The Event header value (RFC 6665 §7.2.1, §8.4): {@code event-type *( SEMI event-param )}, where
 * {@code event-type = event-package *( "." event-template )} (each part a token without dots) and the deprecated
 * {@code id} parameter tells apart subscriptions of one dialog, e.g. {@code presence}, {@code presence.winfo} or
 * {@code refer;id=93809824}. Also the element type of Allow-Events. Immutable.
 */
public final class Event {
    private final String type;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when {@code type} is not an event-type
     */
    public Event(String type, Parameters parameters) {
        this.type = Objects.requireNonNull(type, "type");
        if (!isEventType(type)) {
            throw new IllegalArgumentException("not an event-type: " + type);
        }
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static Event of(String type) {
        return new Event(type, Parameters.EMPTY);
    }

    /** The event-type as written: package and templates, e.g. "presence.winfo". */
    public String type() {
        return type;
    }

    /** The event package, the part before the first dot, e.g. "presence". */
    public String eventPackage() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The templates after the package, e.g. [winfo]; empty for a plain package. */
    public List<String> templates() {
        int dot = type.indexOf('.');
        return dot < 0 ? List.of() : List.of(type.substring(dot + 1).split("\\."));
    }

    /** The id parameter, or null. */
    public String id() {
        return parameters.get("id");
    }

    public Parameters parameters() {
        return parameters;
    }

    public Event withId(String id) {
        return new Event(type, parameters.with("id", id));
    }

    /**
     * Whether a NOTIFY with this Event matches a subscription with {@code other} (RFC 6665 §8.2.1): the
     * event-types are equal byte for byte and the id parameters are both absent or equal byte for byte. Other
     * parameters do not count.
     */
    public boolean matches(Event other) {
        return other != null && type.equals(other.type) && Objects.equals(id(), other.id())
                && parameters.has("id") == other.parameters.has("id");
    }

    /** True when {@code s} is an event-type: dot-separated non-empty tokens. */
    static boolean isEventType(String s) {
        return Chars.isToken(s) && !s.startsWith(".") && !s.endsWith(".") && !s.contains("..");
    }

    /** event-type = event-package *( "." event-template ), at the cursor. */
    static String parseType(Cursor c) {
        int from = c.pos;
        int end = c.tokenEnd();
        if (end == from) {
            throw c.error("event type expected");
        }
        for (int p = from; p < end; p++) {
            if (c.b[p] == '.' && (p == from || p == end - 1 || c.b[p + 1] == '.')) {
                throw c.error(p == from ? "event package expected" : "empty event template", p);
            }
        }
        c.pos = end;
        return c.ascii(from, end);
    }

    static Event parse(Cursor c) {
        String type = parseType(c);
        return new Event(type, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(24).append(type)).toString();
    }

    /** Equal when type and all parameters are equal as written (see {@link #matches(Event)} for §8.2.1). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && e.type.equals(type) && e.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + parameters.hashCode();
    }
}
