package io.callisto.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-call values for {@code [field0]}..{@code [fieldN]}, in SIPp's injection file format ({@code -inf}): an
 * optional first line {@code SEQUENTIAL}, {@code RANDOM} or {@code USER}, then one row per line with fields
 * separated by {@code ;}; lines starting with {@code #} and blank lines are skipped. Call number n (from 1)
 * takes row {@code (n - 1) mod rows} (SEQUENTIAL and USER) or a random row (RANDOM).
 *
 * @param rows   the rows, each with at least one field
 * @param random whether rows are picked at random
 */
public record InjectionData(List<String[]> rows, boolean random) {

    private static final Pattern RANGE = Pattern.compile("\\{(\\d+)\\.\\.(\\d+)}");

    public InjectionData {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new ScenarioException("the injection data has no rows");
        }
    }

    /**
     * Reads a SIPp injection file.
     *
     * @throws ScenarioException when the file cannot be read or has no rows
     */
    public static InjectionData read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException("cannot read " + file + ": " + e.getMessage());
        }
        boolean random = false;
        List<String[]> rows = new ArrayList<>();
        boolean first = true;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (first) {
                first = false;
                String u = line.toUpperCase(Locale.ROOT);
                if (u.equals("SEQUENTIAL") || u.equals("USER") || u.equals("RANDOM")) {
                    random = u.equals("RANDOM");
                    continue;
                }
            }
            rows.add(line.split(";", -1));
        }
        if (rows.isEmpty()) {
            throw new ScenarioException(file + " has no data rows");
        }
        return new InjectionData(rows, random);
    }

    /**
     * Rows from a user-name pattern with one numeric range, e.g. {@code user{0..9999}} (10,000 rows: user0 …
     * user9999), each row {@code name;password}.
     *
     * @throws ScenarioException when the pattern has no range, an inverted one, or more than 10 million names
     */
    public static InjectionData pattern(String pattern, String password) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return new InjectionData(List.<String[]>of(new String[] {pattern, password}), false);
        }
        long from;
        long to;
        try {
            from = Long.parseLong(m.group(1));
            to = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw new ScenarioException("bad range in user pattern " + pattern);
        }
        if (to < from || to - from >= 10_000_000) {
            throw new ScenarioException("bad range in user pattern " + pattern + " (from <= to, at most 10 million)");
        }
        String before = pattern.substring(0, m.start());
        String after = pattern.substring(m.end());
        List<String[]> rows = new ArrayList<>((int) (to - from + 1));
        for (long i = from; i <= to; i++) {
            rows.add(new String[] {before + i + after, password});
        }
        return new InjectionData(rows, false);
    }

    /** The fewest fields any row has. */
    public int minFields() {
        int min = Integer.MAX_VALUE;
        for (String[] r : rows) {
            min = Math.min(min, r.length);
        }
        return min;
    }

    /** The row for call number {@code callNumber} (from 1). */
    public String[] row(long callNumber) {
        if (random) {
            return rows.get(ThreadLocalRandom.current().nextInt(rows.size()));
        }
        return rows.get((int) Math.floorMod(callNumber - 1, (long) rows.size()));
    }
}
