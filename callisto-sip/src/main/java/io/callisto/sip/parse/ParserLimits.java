package io.callisto.sip.parse;

/**
 * Bounds that keep the parser safe on the open internet. Every breach is a {@link ParseError} naming the limit.
 *
 * @param maxMessageSize  largest message accepted, start line to end of body, in bytes
 * @param maxHeaders      most header lines in one message
 * @param maxLineLength   longest header line (folded lines count as one), in bytes
 * @param maxBodyParts    most parts in a multipart body, counting nested parts
 * @param maxNesting      deepest multipart nesting
 */
public record ParserLimits(int maxMessageSize, int maxHeaders, int maxLineLength, int maxBodyParts,
        int maxNesting) {

    /** 64 KiB messages (the UDP maximum), 256 headers, 16 KiB lines, 64 body parts, 4 levels of nesting. */
    public static final ParserLimits DEFAULT = new ParserLimits(65_535, 256, 16_384, 64, 4);

    public ParserLimits {
        if (maxMessageSize < 64 || maxHeaders < 8 || maxLineLength < 64 || maxBodyParts < 1 || maxNesting < 1) {
            throw new IllegalArgumentException("parser limits too small to parse any real message");
        }
    }

    public ParserLimits withMaxMessageSize(int n) {
        return new ParserLimits(n, maxHeaders, maxLineLength, maxBodyParts, maxNesting);
    }

    public ParserLimits withMaxHeaders(int n) {
        return new ParserLimits(maxMessageSize, n, maxLineLength, maxBodyParts, maxNesting);
    }

    public ParserLimits withMaxLineLength(int n) {
        return new ParserLimits(maxMessageSize, maxHeaders, n, maxBodyParts, maxNesting);
    }
}
