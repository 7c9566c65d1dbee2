package io.callisto.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Queries and edits of a list of lines (a session-level section or a media description), shared by
 * {@link SessionDescription} and {@link MediaDescription}. Edits return new lists and place new lines where
 * the RFC 8866 §5 order puts them, leaving every other line as it was.
 */
final class Lines {
    private Lines() {}

    /** The order of the session-level section (RFC 8866 §5, §9: session-description). */
    static final String SESSION_ORDER = "vosiuepcbtrzka";
    /** The order of a media description (RFC 8866 §5, §9: media-description). */
    static final String MEDIA_ORDER = "micbka";

    static <T> T first(List<SdpLine> lines, char type, Class<T> cls) {
        for (SdpLine l : lines) {
            if (l.type() == type && cls.isInstance(l.typed())) {
                return cls.cast(l.typed());
            }
        }
        return null;
    }

    static <T> List<T> all(List<SdpLine> lines, char type, Class<T> cls) {
        List<T> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.type() == type && cls.isInstance(l.typed())) {
                out.add(cls.cast(l.typed()));
            }
        }
        return List.copyOf(out);
    }

    static Optional<String> firstValue(List<SdpLine> lines, char type) {
        for (SdpLine l : lines) {
            if (l.type() == type) {
                return Optional.of(l.value());
            }
        }
        return Optional.empty();
    }

    static List<String> values(List<SdpLine> lines, char type) {
        List<String> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.type() == type) {
                out.add(l.value());
            }
        }
        return List.copyOf(out);
    }

    static List<Attribute> attributes(List<SdpLine> lines) {
        return all(lines, 'a', Attribute.class);
    }

    static List<Attribute> attributes(List<SdpLine> lines, String name) {
        List<Attribute> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.typed() instanceof Attribute a && a.name().equals(name)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    static Optional<Attribute> attribute(List<SdpLine> lines, String name) {
        for (SdpLine l : lines) {
            if (l.typed() instanceof Attribute a && a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static boolean hasFlag(List<SdpLine> lines, String name) {
        for (SdpLine l : lines) {
            if (l.typed() instanceof Attribute a && a.name().equals(name) && a.value() == null) {
                return true;
            }
        }
        return false;
    }

    /** The first direction attribute (RFC 8866 §6.7) of the lines, or null. */
    static Direction direction(List<SdpLine> lines) {
        for (SdpLine l : lines) {
            if (l.typed() instanceof Attribute a) {
                Direction d = Direction.of(a);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    static boolean isDirection(SdpLine l) {
        return l.typed() instanceof Attribute a && Direction.of(a) != null;
    }

    static SdpLine line(char type, Object typed) {
        return SdpLine.of(type, typed.toString(), typed);
    }

    /** Where a line of {@code type} goes: after the last line whose type does not come later in the order. */
    static int insertionIndex(List<SdpLine> lines, String order, char type) {
        int rank = order.indexOf(type);
        int pos = 0;
        for (int i = 0; i < lines.size(); i++) {
            int r = order.indexOf(lines.get(i).type());
            if (r >= 0 && r <= rank) {
                pos = i + 1;
            }
        }
        return pos;
    }

    /**
     * Removes the lines matching {@code remove} and puts {@code replacement} where the first of them was, or,
     * when none matched, where a line of type {@code type} goes.
     */
    static List<SdpLine> replace(List<SdpLine> lines, String order, Predicate<SdpLine> remove, char type,
                                 List<SdpLine> replacement) {
        List<SdpLine> out = new ArrayList<>(lines.size() + replacement.size());
        int pos = -1;
        for (SdpLine l : lines) {
            if (remove.test(l)) {
                if (pos < 0) {
                    pos = out.size();
                }
            } else {
                out.add(l);
            }
        }
        if (pos < 0) {
            pos = insertionIndex(out, order, type);
        }
        out.addAll(pos, replacement);
        return List.copyOf(out);
    }

    /** Adds a line where its type goes (after the existing lines of that type). */
    static List<SdpLine> insert(List<SdpLine> lines, String order, SdpLine line) {
        List<SdpLine> out = new ArrayList<>(lines);
        out.add(insertionIndex(lines, order, line.type()), line);
        return List.copyOf(out);
    }

    static List<SdpLine> removeIf(List<SdpLine> lines, Predicate<SdpLine> remove) {
        List<SdpLine> out = new ArrayList<>(lines.size());
        for (SdpLine l : lines) {
            if (!remove.test(l)) {
                out.add(l);
            }
        }
        return out.size() == lines.size() ? lines : List.copyOf(out);
    }

    /** The lines with every line but the last terminated (a line without line end can only be last). */
    static List<SdpLine> terminated(List<SdpLine> lines, boolean includingLast) {
        int n = lines.size();
        List<SdpLine> out = null;
        for (int i = 0; i < n; i++) {
            SdpLine l = lines.get(i);
            if (!l.terminated() && (includingLast || i < n - 1)) {
                if (out == null) {
                    out = new ArrayList<>(lines);
                }
                out.set(i, l.terminate());
            }
        }
        return out == null ? lines : out;
    }

    static Predicate<SdpLine> ofType(char type) {
        return l -> l.type() == type;
    }

    static Predicate<SdpLine> attributeNamed(String name) {
        return l -> l.typed() instanceof Attribute a && a.name().equals(name);
    }
}
