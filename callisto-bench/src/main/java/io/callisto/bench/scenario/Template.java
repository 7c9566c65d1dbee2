package io.callisto.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A message template of a {@code <send>} step, compiled once when the scenario is loaded: lines of literal text
 * and {@link Keyword}s. SIPp's text rules apply: every line is trimmed, blank lines before the start line and at
 * the end are dropped, the first blank line separates the headers from the body, lines end with CRLF, and a
 * header line that was non-empty in the template but is empty once its keywords are replaced (an absent
 * {@code [last_Record-Route:]}, for example) is left out.
 */
public final class Template {

    /** Resolves keywords for one call at send time. */
    public interface Resolver {
        /**
         * Appends the value of {@code keyword} to {@code out}. {@link Keyword.Kind#LEN} is resolved by the
         * template itself. For {@link Keyword.Kind#AUTHENTICATION}, {@code out} starts with the rendered start
         * line, from which the method and Request-URI are read.
         */
        void append(Keyword keyword, StringBuilder out);
    }

    private final Object[][] headerLines;
    private final Object[][] bodyLines;
    private final Set<Keyword.Kind> kinds;
    private final String text;
    private final String firstWord;

    /** Per-thread builders: rendering runs on a few owner threads and allocates only the message's bytes. */
    private static final ThreadLocal<StringBuilder[]> BUILDERS =
            ThreadLocal.withInitial(() -> new StringBuilder[] {new StringBuilder(1024), new StringBuilder(512)});

    private Template(Object[][] headerLines, Object[][] bodyLines, Set<Keyword.Kind> kinds, String text) {
        this.headerLines = headerLines;
        this.bodyLines = bodyLines;
        this.kinds = kinds;
        this.text = text;
        Object first = headerLines[0].length == 0 ? "" : headerLines[0][0];
        String s = first instanceof String str ? str : "";
        int sp = s.indexOf(' ');
        this.firstWord = sp < 0 ? s : s.substring(0, sp);
    }

    /**
     * Compiles the text of a {@code <send>} element.
     *
     * @throws ScenarioException on an unsupported keyword, an unclosed bracket or an empty message
     */
    public static Template compile(String text) {
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> lines = new ArrayList<>();
        for (String l : raw) {
            lines.add(l.strip());
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new ScenarioException("a <send> has no message text");
        }
        int split = lines.indexOf("");
        List<String> head = split < 0 ? lines : lines.subList(0, split);
        List<String> body = split < 0 ? List.of() : lines.subList(split + 1, lines.size());
        Set<Keyword.Kind> kinds = EnumSet.noneOf(Keyword.Kind.class);
        return new Template(compileLines(head, kinds), compileLines(body, kinds), kinds, text);
    }

    private static Object[][] compileLines(List<String> lines, Set<Keyword.Kind> kinds) {
        Object[][] out = new Object[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            out[i] = compileLine(lines.get(i), kinds);
        }
        return out;
    }

    private static Object[] compileLine(String line, Set<Keyword.Kind> kinds) {
        List<Object> parts = new ArrayList<>();
        int pos = 0;
        while (pos < line.length()) {
            int open = line.indexOf('[', pos);
            if (open < 0) {
                parts.add(line.substring(pos));
                break;
            }
            if (open > pos) {
                parts.add(line.substring(pos, open));
            }
            int close = closing(line, open);
            if (close < 0) {
                throw new ScenarioException("unclosed '[' in message line: " + line);
            }
            Keyword k = Keyword.parse(line.substring(open + 1, close));
            kinds.add(k.kind());
            parts.add(k);
            pos = close + 1;
        }
        return parts.toArray();
    }

    /** The matching ']' of the '[' at {@code open}, allowing one level of nesting ([authentication ...[field0]]). */
    private static int closing(String line, int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** True when the template uses {@code kind}. */
    public boolean uses(Keyword.Kind kind) {
        return kinds.contains(kind);
    }

    /** Every {@code [fieldN]} index this template reads, including inside {@code [authentication]}; -1 if none. */
    public int maxField() {
        int max = -1;
        for (Object[][] section : new Object[][][] {headerLines, bodyLines}) {
            for (Object[] line : section) {
                for (Object p : line) {
                    if (p instanceof Keyword k) {
                        if (k.kind() == Keyword.Kind.FIELD) {
                            max = Math.max(max, k.number());
                        } else if (k.kind() == Keyword.Kind.AUTHENTICATION) {
                            max = Math.max(max, Keyword.fieldReference(k.username()));
                            max = Math.max(max, Keyword.fieldReference(k.password()));
                        }
                    }
                }
            }
        }
        return max;
    }

    /** The first word of the start line as written (a method, or {@code SIP/2.0} for a response). */
    public String firstWord() {
        return firstWord;
    }

    /** Renders the message for one call. */
    public byte[] render(Resolver resolver) {
        StringBuilder[] builders = BUILDERS.get();
        StringBuilder body = builders[1];
        body.setLength(0);
        for (Object[] line : bodyLines) {
            appendLine(line, resolver, body, 0);
            body.append("\r\n");
        }
        int bodyLength = utf8Length(body);
        StringBuilder out = builders[0];
        out.setLength(0);
        for (Object[] line : headerLines) {
            int start = out.length();
            appendLine(line, resolver, out, bodyLength);
            if (out.length() == start && line.length > 0) {
                continue;
            }
            out.append("\r\n");
        }
        out.append("\r\n");
        out.append(body);
        byte[] bytes = encode(out);
        if (out.length() > 16_384) {
            builders[0] = new StringBuilder(1024); // do not keep a huge buffer per thread
        }
        return bytes;
    }

    private static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.toString().getBytes(StandardCharsets.UTF_8).length;
            }
            n++;
        }
        return n;
    }

    private static byte[] encode(StringBuilder s) {
        int n = s.length();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.toString().getBytes(StandardCharsets.UTF_8);
            }
            b[i] = (byte) c;
        }
        return b;
    }

    private static void appendLine(Object[] line, Resolver resolver, StringBuilder out, int len) {
        for (Object p : line) {
            if (p instanceof String s) {
                out.append(s);
            } else {
                Keyword k = (Keyword) p;
                if (k.kind() == Keyword.Kind.LEN) {
                    out.append(len);
                } else {
                    resolver.append(k, out);
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
