package io.callisto.sip.uri;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;

/**
 * Parser for the tel URI of RFC 3966 §3:
 *
 * <pre>
 * telephone-uri        = "tel:" telephone-subscriber
 * telephone-subscriber = global-number / local-number
 * global-number        = global-number-digits *par
 * local-number         = local-number-digits *par context *par
 * par                  = parameter / extension / isdn-subaddress
 * isdn-subaddress      = ";isub=" 1*uric
 * extension            = ";ext=" 1*phonedigit
 * context              = ";phone-context=" descriptor
 * descriptor           = domainname / global-number-digits
 * global-number-digits = "+" *phonedigit DIGIT *phonedigit
 * local-number-digits  = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex
 * parameter            = ";" pname ["=" pvalue ]     ; pname = 1*( alphanum / "-" ), pvalue = 1*paramchar
 * visual-separator     = "-" / "." / "(" / ")"
 * </pre>
 *
 * <p>Decisions: a local number without a phone-context (which §5.1.5 says MUST be there) is accepted, since
 * deployed devices send them; {@link TelUri#phoneContext()} is then null. An isub value is {@code uric}
 * except ';' (a literal ';' would swallow the parameters after it). Each of isub, ext and phone-context may
 * appear once, and isub and ext not together (§3, §5.3). The order of §3 is not enforced on input.
 */
final class TelUriParser {
    private TelUriParser() {}

    /** Parses {@code b[from, to)}, whose scheme the caller has recognised as "tel" (any case). */
    static TelUri parse(byte[] b, int from, int to, String text) {
        int p = from + 4;
        boolean global = p < to && b[p] == '+';
        int numberEnd = global ? phoneDigits(b, p + 1, to, false) : phoneDigits(b, p, to, true);
        if (numberEnd < 0) {
            throw new ParseError("telephone number expected", p);
        }
        p = numberEnd;
        boolean sawIsub = false;
        boolean sawExt = false;
        boolean sawContext = false;
        while (p < to && b[p] == ';') {
            int name = p + 1;
            p = name;
            while (p < to && (Chars.is(b[p], Chars.ALPHA | Chars.DIGIT) || b[p] == '-')) {
                p++;
            }
            if (p == name) {
                throw new ParseError("tel URI parameter name expected", p);
            }
            int kind = kind(b, name, p);
            boolean seen = kind == 1 ? sawIsub || sawExt : kind == 2 ? sawExt || sawIsub : kind == 3 && sawContext;
            if (seen) {
                throw new ParseError(kind == 3 ? "duplicate phone-context" : "more than one isub or ext", name);
            }
            sawIsub |= kind == 1;
            sawExt |= kind == 2;
            sawContext |= kind == 3;
            if (p < to && b[p] == '=') {
                int value = ++p;
                p = switch (kind) {
                    case 1 -> isub(b, value, to);
                    case 2 -> Math.max(value, phoneDigits(b, value, to, false));
                    case 3 -> descriptor(b, value, to);
                    default -> SipUriParser.scan(b, value, to, Escaping.PARAM);
                };
                if (p == value) {
                    throw new ParseError("invalid tel URI parameter value", p);
                }
            } else if (kind != 0) {
                throw new ParseError("'=' expected after tel URI parameter name", p);
            }
        }
        if (p < to) {
            throw new ParseError(Chars.isWsp(b[p]) ? "whitespace in URI" : "invalid character in tel URI", p);
        }
        if (text == null) {
            text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return new TelUri(text, global, numberEnd - from,
                RawParams.toParameters(text, numberEnd - from, text.length(), ';'));
    }

    /** 1 for isub, 2 for ext, 3 for phone-context, 0 for any other parameter name. */
    private static int kind(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 4 && is(b, from, "isub")) {
            return 1;
        }
        if (len == 3 && is(b, from, "ext")) {
            return 2;
        }
        return len == 13 && is(b, from, "phone-context") ? 3 : 0;
    }

    private static boolean is(byte[] b, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Chars.lower(b[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scans phone digits from {@code p}: DIGIT (or, when {@code hex}, HEXDIG, "*" and "#") and visual
     * separators. Returns the end, or -1 when there is not at least one digit.
     */
    static int phoneDigits(byte[] b, int p, int to, boolean hex) {
        boolean digit = false;
        while (p < to) {
            int c = b[p];
            if (Chars.isDigit(c) || hex && (Chars.hexValue(c) >= 0 || c == '*' || c == '#')) {
                digit = true;
            } else if (!isVisualSeparator(c)) {
                break;
            }
            p++;
        }
        return digit ? p : -1;
    }

    static boolean isVisualSeparator(int c) {
        return c == '-' || c == '.' || c == '(' || c == ')';
    }

    /** descriptor = domainname / global-number-digits; returns its end. */
    private static int descriptor(byte[] b, int p, int to) {
        if (p < to && b[p] == '+') {
            int end = phoneDigits(b, p + 1, to, false);
            if (end < 0) {
                throw new ParseError("invalid phone-context", p);
            }
            return end;
        }
        int end = p;
        while (end < to && (Chars.is(b[end], Chars.ALPHA | Chars.DIGIT) || b[end] == '-' || b[end] == '.')) {
            end++;
        }
        if (end > p) {
            HostParser.checkHostname(b, p, end);
        }
        return end;
    }

    /** 1*uric, without ';' (see the class comment); returns its end. */
    private static int isub(byte[] b, int p, int to) {
        while (p < to) {
            int c = b[p];
            if (c == '%') {
                if (p + 2 >= to || Chars.hexValue(b[p + 1]) < 0 || Chars.hexValue(b[p + 2]) < 0) {
                    throw new ParseError("invalid escape sequence", p);
                }
                p += 3;
            } else if (c != ';' && Chars.is(c, Chars.RESERVED | Chars.UNRESERVED)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }
}
