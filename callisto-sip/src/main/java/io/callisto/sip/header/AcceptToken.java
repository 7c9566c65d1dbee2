package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * One element of an Accept-Encoding or Accept-Language header (RFC 3261 §20.2, §20.3 and §25.1
 * {@code encoding = codings *(SEMI accept-param)}, {@code language = language-range *(SEMI accept-param)}): a
 * content-coding or language range, either of which may be "*", with parameters, among them the preference q.
 * The value compares case-insensitively. Immutable.
 */
public final class AcceptToken {
    private final String value;
    private final Parameters parameters;
    private final int q;

    /**
     * An element with the given coding or language range and parameters.
     *
     * @throws IllegalArgumentException when the q parameter is not a qvalue
     */
    public AcceptToken(String value, Parameters parameters) {
        this.value = Objects.requireNonNull(value, "value");
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        int qv = this.parameters.has("q") ? MoreScalars.qvalue(this.parameters.get("q")) : 1000;
        if (qv < 0) {
            throw new IllegalArgumentException("q is not a qvalue: " + this.parameters.get("q"));
        }
        this.q = qv;
    }

    /** The content-coding (e.g. "gzip") or language range (e.g. "en-gb"), or "*". */
    public String value() {
        return value;
    }

    public boolean isWildcard() {
        return value.equals("*");
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The q parameter, 1.0 when absent. */
    public double q() {
        return MoreScalars.q(q);
    }

    /** encoding = codings *(SEMI accept-param); codings = content-coding / "*" (a token either way). */
    static AcceptToken parseEncoding(Cursor c) {
        String coding = c.token("content-coding");
        return withParams(c, coding);
    }

    /** language = language-range *(SEMI accept-param). */
    static AcceptToken parseLanguage(Cursor c) {
        String range = MoreScalars.languageRange(c);
        return withParams(c, range);
    }

    private static AcceptToken withParams(Cursor c, String value) {
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        MoreScalars.checkQ(c, p, at);
        return new AcceptToken(value, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(16).append(value)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcceptToken a && a.value.equalsIgnoreCase(value) && a.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return value.toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
