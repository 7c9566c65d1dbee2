package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * An Info Package type (RFC 6086 §7.2, §7.3, §9.2): {@code Info-package-name *( SEMI Info-package-param )}, the value of
 * Info-Package and each element of Recv-Info, e.g. {@code foo}. Names compare case-insensitively. Immutable.
 */
public final class InfoPackage {
    private final String name;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when {@code name} is not a token
     */
    public InfoPackage(String name, Parameters parameters) {
        this.name = Objects.requireNonNull(name, "name");
        if (!Chars.isToken(name)) {
            throw new IllegalArgumentException("Info Package name must be a token: " + name);
        }
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static InfoPackage of(String name) {
        return new InfoPackage(name, Parameters.EMPTY);
    }

    public String name() {
        return name;
    }

    public Parameters parameters() {
        return parameters;
    }

    static InfoPackage parse(Cursor c) {
        String name = c.token("Info Package name");
        return new InfoPackage(name, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(16).append(name)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoPackage i && i.name.equalsIgnoreCase(name) && i.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
