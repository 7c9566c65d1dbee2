package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static String line(String text, String start) {
        return Arrays.stream(text.split("\n")).filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void showsTheRunsNumbersAndAsr() {
        RunResult r = Fixtures.realistic();
        String all = SummaryTable.render(r);
        String s = all.substring(all.indexOf("\nCalls\n"));
        Totals t = r.totals();
        assertThat(line(s, "attempted")).endsWith(" " + t.attempted());
        assertThat(line(s, "answered")).endsWith(" " + t.answered());
        assertThat(line(s, "failed")).endsWith(" " + t.failed());
        assertThat(line(s, "486")).endsWith(" " + t.failuresByReason().get("486"));
        assertThat(line(s, "timeout")).endsWith(" " + t.failuresByReason().get("timeout"));
        String asr = String.format(java.util.Locale.ROOT, "%.2f %%", 100.0 * t.answered() / t.attempted());
        assertThat(line(s, "ASR")).endsWith(asr);
        assertThat(line(s, "retransmissions")).endsWith(" " + t.retransmissions());
        assertThat(line(s, "unexpected messages")).endsWith(" 3");
        assertThat(line(s, "max concurrent")).endsWith(" " + t.maxConcurrent());
        assertThat(line(s, "duration")).endsWith("68.0 s");
        // 60 s of sending: the calls still ringing or timing out afterwards do not dilute the rate
        assertThat(line(s, "average rate")).endsWith(
                String.format(java.util.Locale.ROOT, "%.1f/s", t.attempted() / 60.0));
        assertThat(s).contains("Load: kept up: achieved 499.9/s of 500/s");
        assertThat(line(all, "rate")).isEqualTo("  rate               500/s");
        assertThat(all.indexOf("rate ")).isLessThan(all.indexOf("ramp")); // settings in the run's order
    }

    @Test
    void latencyTableHasOneAlignedRowPerDistribution() {
        RunResult r = Fixtures.realistic();
        String s = SummaryTable.render(r);
        List<String> rows = Arrays.stream(s.split("\n"))
                .dropWhile(l -> !l.startsWith("Latency (ms)")).toList();
        assertThat(rows).hasSize(1 + r.latencies().size());
        assertThat(rows.get(0).split("\\s+")).containsExactly("Latency", "(ms)", "count", "min", "mean", "p50",
                "p90", "p99", "p99.9", "max");
        LatencySummary a = r.latencies().get(0);
        assertThat(rows.get(1).strip().split("\\s+")).containsExactly("answer-delay", Long.toString(a.count()),
                io.callisto.bench.report.internal.Numbers.ms(a.minMs()),
                io.callisto.bench.report.internal.Numbers.ms(a.meanMs()),
                io.callisto.bench.report.internal.Numbers.ms(a.p50Ms()),
                io.callisto.bench.report.internal.Numbers.ms(a.p90Ms()),
                io.callisto.bench.report.internal.Numbers.ms(a.p99Ms()),
                io.callisto.bench.report.internal.Numbers.ms(a.p999Ms()),
                io.callisto.bench.report.internal.Numbers.ms(a.maxMs()));
        // right-aligned: every row ends in the same column
        assertThat(rows).extracting(String::length).containsOnly(rows.get(0).length());
    }

    @Test
    void fellBehindIsSaid() {
        assertThat(SummaryTable.render(Fixtures.oneInterval())).contains("Load: FELL BEHIND: achieved 99.0/s");
    }

    @Test
    void edgeCasesRenderWithoutFailing() {
        String empty = SummaryTable.render(Fixtures.empty());
        assertThat(line(empty, "attempted")).endsWith(" 0");
        assertThat(line(empty, "ASR")).endsWith(" 0.00 %");
        assertThat(line(empty, "average rate")).endsWith(" -/s");
        assertThat(empty).contains("(no latency recorded)").doesNotContain("Settings");
        assertThat(SummaryTable.render(Fixtures.withNulls())).contains("callisto bench - -> -, started -",
                "Load: FELL BEHIND\n");
        assertThat(line(SummaryTable.render(Fixtures.zeroCalls()), "attempted")).endsWith(" 0");
        assertThat(SummaryTable.render(Fixtures.huge())).contains(Long.toString(Long.MAX_VALUE), "1.000e+300")
                .doesNotContain("0000000000000000000000");
        assertThat(line(SummaryTable.render(Fixtures.hour()), "average rate")).endsWith(" 200.0/s");
        assertThat(SummaryTable.render(null)).isEqualTo("callisto bench: no result\n");
    }

    @Test
    void hostileStringsCannotReachTheTerminal() {
        String s = SummaryTable.render(Fixtures.hostile());
        assertThat(s).doesNotContain("\u001b", "\u0007", "\r");
        assertThat(s).contains("?[2Jcleared?", "a,b\"c??d");
        // every line is a line of the table: the value with a CR LF did not break one
        assertThat(s.split("\n")).noneMatch(l -> l.startsWith("d"));
    }
}
