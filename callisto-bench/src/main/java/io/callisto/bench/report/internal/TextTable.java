package io.callisto.bench.report.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns: the first column left-aligned (names), the others right-aligned
 * (numbers), two spaces between columns. Every cell passes through {@link Text#plain(String)}, so a cell can
 * never break the layout or send a terminal escape sequence.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final String indent;
    private boolean allLeft;

    /**
     * An empty table.
     *
     * @param indent what every line starts with (e.g. two spaces)
     */
    public TextTable(String indent) {
        this.indent = indent;
    }

    /**
     * Left-aligns every column (for tables of text, such as settings).
     *
     * @return this table
     */
    public TextTable allLeftAligned() {
        allLeft = true;
        return this;
    }

    /**
     * Adds a row; rows may have different numbers of cells.
     *
     * @param cells the cells, null allowed (shown as {@code -})
     * @return this table
     */
    public TextTable row(String... cells) {
        String[] r = Arrays.copyOf(cells, cells.length);
        for (int i = 0; i < r.length; i++) {
            r[i] = Text.plain(r[i]);
        }
        rows.add(r);
        return this;
    }

    /**
     * The table as lines, each ending with {@code \n}, trailing spaces removed.
     *
     * @return the text
     */
    public String render() {
        int columns = 0;
        for (String[] r : rows) {
            columns = Math.max(columns, r.length);
        }
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(i == 0 || allLeft ? Text.padRight(r[i], widths[i]) : Text.padLeft(r[i], widths[i]));
            }
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            b.append(line, 0, end).append('\n');
        }
        return b.toString();
    }
}
