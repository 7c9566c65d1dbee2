package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Interval interval(long endMs, double achieved, Interval.Percentiles p) {
        return new Interval(endMs, 1000, 500, achieved, 1234, 500, 490, 10, 3, p);
    }

    private static Totals totals(long attempted) {
        return new Totals(attempted, attempted - 12, 12, Map.of("486", 12L), 3, 0, 1300);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nonTtyPrintsOneKeyValueLinePerUpdate() {
        StatusLine s = new StatusLine(out, false);
        s.update(interval(12_000, 499.8, new Interval.Percentiles(21.34, 30, 48, 60, 70)), totals(6000));
        s.update(interval(13_000, 500, null), totals(6500));
        s.finish();
        String[] lines = printed().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("elapsed_s=12.0 offered_per_s=500.0 achieved_per_s=499.8 concurrent=1234 "
                + "attempted=6000 answered=5988 failed=12 retransmissions=3 p50_ms=21.3 p99_ms=48.0");
        assertThat(lines[1]).contains("elapsed_s=13.0 ", "attempted=6500 ", "p50_ms=- p99_ms=-");
        assertThat(printed()).doesNotContain("\r");
        for (String line : lines) {
            assertThat(line.split(" ")).allMatch(col -> col.matches("[a-z0-9_]+=\\S+"));
        }
    }

    @Test
    void ttyRewritesOneLineInPlaceAndClearsLeftovers() {
        StatusLine s = new StatusLine(out, true);
        s.update(interval(12_000, 499.8, new Interval.Percentiles(21.34, 30, 48, 60, 70)), totals(123_456_789));
        s.update(interval(13_000, 500, new Interval.Percentiles(2, 3, 4, 5, 6)), totals(7));
        String first = StatusLine.ttyLine(interval(12_000, 499.8, new Interval.Percentiles(21.34, 30, 48, 60, 70)),
                totals(123_456_789));
        String second = StatusLine.ttyLine(interval(13_000, 500, new Interval.Percentiles(2, 3, 4, 5, 6)),
                totals(7));
        assertThat(second.length()).isLessThan(first.length());
        assertThat(printed()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()));
        assertThat(printed()).doesNotContain("\n");
        assertThat(first).contains("12.0s", "499.8/500 cps", "conc 1234", "att 123456789", "fail 12", "retr 3",
                "p50 21.3", "p99 48.0 ms");
        s.finish();
        assertThat(printed()).endsWith("\n");
        s.finish();
        assertThat(printed().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void finishWithoutUpdatePrintsNothingAndNullsPrintDashes() {
        StatusLine s = new StatusLine(out, true);
        s.finish();
        assertThat(printed()).isEmpty();
        new StatusLine(out, false).update(null, null);
        assertThat(printed()).startsWith("elapsed_s=- ").contains("attempted=- ").endsWith("p99_ms=-\n");
    }
}
