package io.callisto.sip.parse;

/**
 * The one exception the syntax layer throws: a precise account of what was wrong with the input and where.
 *
 * <p>Parsers in {@code io.callisto.sip} are total: whatever bytes they are given, they return a value or throw
 * a {@code ParseError}; no other exception escapes them. The error names the rule that failed
 * ({@link #reason()}), the header it was found in ({@link #header()}, or {@code null} for the start line, the
 * framing or the body) and the byte offset into the input ({@link #offset()}, or -1 when not applicable).
 *
 * <p>Parse errors are expected on the open internet, so they carry no stack trace (filling one in costs more
 * than the parse itself).
 */
public final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String header;
    private final int offset;

    public ParseError(String reason, String header, int offset) {
        super(null, null, false, false);
        this.reason = reason;
        this.header = header;
        this.offset = offset;
    }

    public ParseError(String reason, int offset) {
        this(reason, null, offset);
    }

    public ParseError(String reason) {
        this(reason, null, -1);
    }

    /** What was wrong, as a short phrase fit for a 400 reason phrase (e.g. "negative Content-Length"). */
    public String reason() {
        return reason;
    }

    /** The header the error was found in, in its canonical form, or {@code null}. */
    public String header() {
        return header;
    }

    /** Byte offset into the parsed input, or -1. */
    public int offset() {
        return offset;
    }

    /** The same error, attributed to a header (keeps an attribution that is already there). */
    public ParseError inHeader(String name) {
        return header != null ? this : new ParseError(reason, name, offset);
    }

    /** A reason phrase for a 400 response: printable ASCII only, bounded length. */
    public String reasonPhrase() {
        String text = header == null ? reason : reason + " in " + header;
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && sb.length() < 100; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(reason);
        if (header != null) {
            sb.append(" in ").append(header);
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        return sb.toString();
    }
}
