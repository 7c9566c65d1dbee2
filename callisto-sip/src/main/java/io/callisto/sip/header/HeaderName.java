package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import java.util.Locale;

/**
 * The header fields Callisto knows by name: every RFC 3261 §20 header plus the extension headers of the RFCs the
 * stack implements. Each has its canonical spelling, its compact form (§7.3.3, where one exists) and its
 * {@link Arity}. Lookup from raw bytes is case-insensitive and allocation-free.
 */
public enum HeaderName {
    ACCEPT("Accept", 0, Arity.LIST),
    ACCEPT_CONTACT("Accept-Contact", 'a', Arity.LIST),
    ACCEPT_ENCODING("Accept-Encoding", 0, Arity.LIST),
    ACCEPT_LANGUAGE("Accept-Language", 0, Arity.LIST),
    ALERT_INFO("Alert-Info", 0, Arity.LIST),
    ALLOW("Allow", 0, Arity.LIST),
    ALLOW_EVENTS("Allow-Events", 'u', Arity.LIST),
    AUTHENTICATION_INFO("Authentication-Info", 0, Arity.SINGLE),
    AUTHORIZATION("Authorization", 0, Arity.REPEATED),
    CALL_ID("Call-ID", 'i', Arity.SINGLE),
    CALL_INFO("Call-Info", 0, Arity.LIST),
    CONTACT("Contact", 'm', Arity.LIST),
    CONTENT_DISPOSITION("Content-Disposition", 0, Arity.SINGLE),
    CONTENT_ENCODING("Content-Encoding", 'e', Arity.LIST),
    CONTENT_LANGUAGE("Content-Language", 0, Arity.LIST),
    CONTENT_LENGTH("Content-Length", 'l', Arity.SINGLE),
    CONTENT_TYPE("Content-Type", 'c', Arity.SINGLE),
    CSEQ("CSeq", 0, Arity.SINGLE),
    DATE("Date", 0, Arity.SINGLE),
    ERROR_INFO("Error-Info", 0, Arity.LIST),
    EVENT("Event", 'o', Arity.SINGLE),
    EXPIRES("Expires", 0, Arity.SINGLE),
    FROM("From", 'f', Arity.SINGLE),
    IDENTITY("Identity", 'y', Arity.SINGLE),
    IN_REPLY_TO("In-Reply-To", 0, Arity.LIST),
    INFO_PACKAGE("Info-Package", 0, Arity.SINGLE),
    MAX_FORWARDS("Max-Forwards", 0, Arity.SINGLE),
    MIME_VERSION("MIME-Version", 0, Arity.SINGLE),
    MIN_EXPIRES("Min-Expires", 0, Arity.SINGLE),
    MIN_SE("Min-SE", 0, Arity.SINGLE),
    ORGANIZATION("Organization", 0, Arity.SINGLE),
    P_ASSERTED_IDENTITY("P-Asserted-Identity", 0, Arity.LIST),
    P_PREFERRED_IDENTITY("P-Preferred-Identity", 0, Arity.LIST),
    PATH("Path", 0, Arity.LIST),
    PRIORITY("Priority", 0, Arity.SINGLE),
    PRIVACY("Privacy", 0, Arity.SINGLE),
    PROXY_AUTHENTICATE("Proxy-Authenticate", 0, Arity.REPEATED),
    PROXY_AUTHORIZATION("Proxy-Authorization", 0, Arity.REPEATED),
    PROXY_REQUIRE("Proxy-Require", 0, Arity.LIST),
    RACK("RAck", 0, Arity.SINGLE),
    REASON("Reason", 0, Arity.LIST),
    RECORD_ROUTE("Record-Route", 0, Arity.LIST),
    RECV_INFO("Recv-Info", 0, Arity.LIST),
    REFER_SUB("Refer-Sub", 0, Arity.SINGLE),
    REFER_TO("Refer-To", 'r', Arity.SINGLE),
    REFERRED_BY("Referred-By", 'b', Arity.SINGLE),
    REJECT_CONTACT("Reject-Contact", 'j', Arity.LIST),
    REPLACES("Replaces", 0, Arity.SINGLE),
    REPLY_TO("Reply-To", 0, Arity.SINGLE),
    REQUEST_DISPOSITION("Request-Disposition", 'd', Arity.LIST),
    REQUIRE("Require", 0, Arity.LIST),
    RETRY_AFTER("Retry-After", 0, Arity.SINGLE),
    ROUTE("Route", 0, Arity.LIST),
    RSEQ("RSeq", 0, Arity.SINGLE),
    SERVER("Server", 0, Arity.SINGLE),
    SERVICE_ROUTE("Service-Route", 0, Arity.LIST),
    SESSION_EXPIRES("Session-Expires", 'x', Arity.SINGLE),
    SIP_ETAG("SIP-ETag", 0, Arity.SINGLE),
    SIP_IF_MATCH("SIP-If-Match", 0, Arity.SINGLE),
    SUBJECT("Subject", 's', Arity.SINGLE),
    SUBSCRIPTION_STATE("Subscription-State", 0, Arity.SINGLE),
    SUPPORTED("Supported", 'k', Arity.LIST),
    TIMESTAMP("Timestamp", 0, Arity.SINGLE),
    TO("To", 't', Arity.SINGLE),
    UNSUPPORTED("Unsupported", 0, Arity.LIST),
    USER_AGENT("User-Agent", 0, Arity.SINGLE),
    VIA("Via", 'v', Arity.LIST),
    WARNING("Warning", 0, Arity.LIST),
    WWW_AUTHENTICATE("WWW-Authenticate", 0, Arity.REPEATED);

    /** How many values a header may carry (§7.3.1). */
    public enum Arity {
        /** At most one header line with one value. A second one makes the message invalid. */
        SINGLE,
        /** Any number of lines, each a comma-separated list of values. */
        LIST,
        /** Any number of lines, one value each; commas inside a value do not separate values. */
        REPEATED
    }

    private final String canonical;
    private final char compact;
    private final Arity arity;
    private final String lower;
    private final byte[] lowerBytes;
    /** The first 16 lower-case name bytes as two little-endian words, zero-padded: for a two-compare match. */
    private final long word0;
    private final long word1;

    HeaderName(String canonical, int compact, Arity arity) {
        this.canonical = canonical;
        this.compact = (char) compact;
        this.arity = arity;
        this.lower = canonical.toLowerCase(Locale.ROOT);
        this.lowerBytes = lower.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        this.word0 = word(lowerBytes, 0);
        this.word1 = word(lowerBytes, 8);
    }

    /** The spelling used when Callisto writes the header, e.g. "Call-ID". */
    public String canonical() {
        return canonical;
    }

    /** The compact form's letter (lower case), or 0 when the header has none. */
    public char compact() {
        return compact;
    }

    public Arity arity() {
        return arity;
    }

    @Override
    public String toString() {
        return canonical;
    }

    private static final HeaderName[] VALUES = values();

    /** The header with this {@link #ordinal()}, or null for a negative or unknown ordinal. */
    public static HeaderName byOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }
    private static final int TABLE_SIZE = 256;
    private static final HeaderName[] TABLE = new HeaderName[TABLE_SIZE];
    private static final HeaderName[] COMPACT = new HeaderName[128];

    static {
        for (HeaderName h : VALUES) {
            int slot = hash(h.lower) & (TABLE_SIZE - 1);
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            TABLE[slot] = h;
            if (h.compact != 0) {
                COMPACT[h.compact] = h;
            }
        }
    }

    private static int hash(String lower) {
        int h = 0;
        for (int i = 0; i < lower.length(); i++) {
            h = h * 31 + lower.charAt(i);
        }
        return mix(h);
    }

    /** The hash {@link #lookup(byte[], int, int, int)} expects: fold {@code h*31 + lower(c)} over the name, then mix. */
    public static int mix(int h) {
        return h ^ (h >>> 11) ^ (h >>> 5);
    }

    /** Finds the header named by bytes {@code b[from, to)} (long or compact form, any case), or null. */
    public static HeaderName lookup(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = h * 31 + Chars.lower(b[i]);
        }
        return lookup(b, from, to, mix(h));
    }

    /** As {@link #lookup(byte[], int, int)} with the hash already computed while scanning the name. */
    public static HeaderName lookup(byte[] b, int from, int to, int mixedHash) {
        int len = to - from;
        if (len == 1) {
            int c = Chars.lower(b[from] & 0xff);
            return c < 128 ? COMPACT[c] : null;
        }
        int slot = mixedHash & (TABLE_SIZE - 1);
        HeaderName h;
        while ((h = TABLE[slot]) != null) {
            if (h.lowerBytes.length == len && (len <= 16 && from + 16 <= b.length ? matchesWords(h, b, from, len)
                    : matches(h.lowerBytes, b, from))) {
                return h;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return null;
    }

    private static long word(byte[] bytes, int from) {
        long w = 0;
        for (int i = Math.min(bytes.length, from + 8) - 1; i >= from; i--) {
            w = w << 8 | (bytes[i] & 0xff);
        }
        return w;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long CASE_BITS = 0x2020202020202020L;

    /**
     * Compares a token of {@code len} (at most 16) bytes with a name, eight bytes at a time. Setting bit 0x20
     * lower-cases letters and leaves every other token character as it is, except '_', which becomes DEL and so
     * matches no header name: exact for the token input the parser hands over.
     */
    private static boolean matchesWords(HeaderName h, byte[] b, int from, int len) {
        long a = (long) LONGS.get(b, from);
        if (len < 8) {
            long mask = (1L << (len << 3)) - 1;
            return ((a | CASE_BITS) & mask) == h.word0;
        }
        if ((a | CASE_BITS) != h.word0) {
            return false;
        }
        if (len == 8) {
            return true;
        }
        long mask = len == 16 ? -1L : (1L << ((len - 8) << 3)) - 1;
        return (((long) LONGS.get(b, from + 8) | CASE_BITS) & mask) == h.word1;
    }

    private static boolean matches(byte[] lower, byte[] b, int from) {
        for (int i = 0; i < lower.length; i++) {
            if (Chars.lower(b[from + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Finds a header by name (long or compact form, any case), or null. */
    public static HeaderName lookup(String name) {
        // the same search as over the name's ISO-8859-1 bytes, without making them: this runs for every header
        // looked up by name (a registrar's or a proxy's reads); the byte arrays were about 3 % of a REGISTER's garbage
        int len = name.length();
        if (len == 1) {
            int c = Chars.lower(latin1(name.charAt(0)) & 0xff);
            return c < 128 ? COMPACT[c] : null;
        }
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = h * 31 + Chars.lower(latin1(name.charAt(i)));
        }
        int slot = mix(h) & (TABLE_SIZE - 1);
        HeaderName n;
        while ((n = TABLE[slot]) != null) {
            if (n.lowerBytes.length == len && matches(n.lowerBytes, name)) {
                return n;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return null;
    }

    /** The byte ISO-8859-1 encoding gives {@code c}: itself, or '?' for what that charset cannot hold. */
    private static byte latin1(char c) {
        return c <= 0xff ? (byte) c : (byte) '?';
    }

    private static boolean matches(byte[] lower, String name) {
        for (int i = 0; i < lower.length; i++) {
            if (Chars.lower(latin1(name.charAt(i))) != lower[i]) {
                return false;
            }
        }
        return true;
    }
}
