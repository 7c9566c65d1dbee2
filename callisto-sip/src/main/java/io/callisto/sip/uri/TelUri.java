package io.callisto.sip.uri;

import io.callisto.sip.header.Parameters;
import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;

/**
 * A tel URI (RFC 3966), e.g. {@code tel:+1-201-555-0123} or {@code tel:7042;phone-context=example.com}.
 *
 * <p>Immutable; keeps the text it was parsed from. The number, parameters and parameter values are given as
 * written. {@link #equivalent(Uri)} follows RFC 3966 §4.
 */
public final class TelUri implements Uri {
    private final String text;
    private final boolean global;
    private final int numberEnd;
    private final Parameters parameters;

    TelUri(String text, boolean global, int numberEnd, Parameters parameters) {
        this.text = text;
        this.global = global;
        this.numberEnd = numberEnd;
        this.parameters = parameters;
    }

    /**
     * Parses a string that must be exactly one tel URI.
     *
     * @throws ParseError when it is not valid, or is a URI of another scheme
     */
    public static TelUri parse(String s) {
        if (Uri.parse(s) instanceof TelUri tel) {
            return tel;
        }
        throw new ParseError("tel URI expected", 0);
    }

    /**
     * Parses {@code b[from, to)}, which must be exactly one tel URI.
     *
     * @throws ParseError when it is not valid, or is a URI of another scheme (offsets absolute into b)
     */
    public static TelUri parse(byte[] b, int from, int to) {
        if (Uri.parse(b, from, to) instanceof TelUri tel) {
            return tel;
        }
        throw new ParseError("tel URI expected", from);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, visual separators included; a global number keeps its "+". */
    public String number() {
        return text.substring(4, numberEnd);
    }

    /** The number without visual separators (RFC 3966 §5.1.1), e.g. "+12015550123". */
    public String digits() {
        return stripSeparators(text, 4, numberEnd);
    }

    /** True for a global (E.164, "+"-prefixed) number, false for a local one (RFC 3966 §5.1.4, §5.1.5). */
    public boolean global() {
        return global;
    }

    /** The phone-context as written (a domain name or "+" digits), or null. */
    public String phoneContext() {
        return parameters.get("phone-context");
    }

    /** The ext parameter as written, or null (RFC 3966 §5.3). */
    public String extension() {
        return parameters.get("ext");
    }

    /** The isub parameter as written (escapes kept: it may hold any octet, §5.2), or null. */
    public String isdnSubaddress() {
        return parameters.get("isub");
    }

    /** All parameters in order, including isub, ext and phone-context, names and values as written. */
    public Parameters parameters() {
        return parameters;
    }

    /** The value of parameter {@code name} with escapes resolved; null when absent or without a value. */
    public String parameter(String name) {
        return Escaping.unescape(parameters.get(name));
    }

    /**
     * RFC 3966 §4: both global or both local; the same digits once visual separators are removed; the same
     * set of parameter names, with equal values. phone-context compares as a host name or, for a global
     * number context, digit by digit; ext digit by digit; other values case-insensitively with escapes
     * resolved. Everything is case-insensitive.
     */
    @Override
    public boolean equivalent(Uri other) {
        if (!(other instanceof TelUri t)) {
            return false;
        }
        if (global != t.global || !digits().equalsIgnoreCase(t.digits())) {
            return false;
        }
        return parametersMatch(parameters, t.parameters) && parametersMatch(t.parameters, parameters);
    }

    private static boolean parametersMatch(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            String name = a.name(i);
            if (!b.has(name)) {
                return false;
            }
            String va = a.value(i);
            String vb = b.get(name);
            if (va == null || vb == null) {
                if (va != vb) {
                    return false;
                }
            } else if (!valuesMatch(name, va, vb)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valuesMatch(String name, String a, String b) {
        boolean numeric = name.equalsIgnoreCase("ext")
                || name.equalsIgnoreCase("phone-context") && a.startsWith("+") && b.startsWith("+");
        if (numeric) {
            return stripSeparators(a, 0, a.length()).equals(stripSeparators(b, 0, b.length()));
        }
        return Escaping.equivalent(a, b, true);
    }

    private static String stripSeparators(String s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!TelUriParser.isVisualSeparator(c)) {
                sb.append((char) Chars.lower(c));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    /** True when {@code o} is a tel URI with the same text (use {@link #equivalent(Uri)} for RFC 3966 §4). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TelUri t && text.equals(t.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
