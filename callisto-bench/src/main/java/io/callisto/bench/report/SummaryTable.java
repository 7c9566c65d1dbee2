package io.callisto.bench.report;

import io.callisto.bench.report.internal.Facts;
import io.callisto.bench.report.internal.Numbers;
import io.callisto.bench.report.internal.Text;
import io.callisto.bench.report.internal.TextTable;
import java.util.Map;

/**
 * The summary printed when a run ends: aligned plain text for a terminal or a log, in four blocks: the settings,
 * the calls (attempted, answered, failed and why, answer/seizure ratio, retransmissions, unexpected messages,
 * maximum of concurrent calls, duration, average achieved rate), the load verdict on one line, and a latency table
 * in milliseconds with one row per distribution:
 *
 * <pre>
 * callisto bench call -&gt; 127.0.0.1:5060, started 2025-06-01 10:00:00 UTC
 *
 * Settings
 *   rate  500/s
 *   ...
 *
 * Calls
 *   attempted            30000
 *   answered             29640
 *   failed                 360
 *     486                  300
 *     timeout               60
 *   ASR                98.80 %
 *   ...
 *
 * Load: kept up: achieved 499.9/s of 500/s
 *
 * Latency (ms)       count   min  mean   p50   p90   p99  p99.9   max
 *   answer-delay     29640  ...
 * </pre>
 *
 * <p>Strings from the user are printed with control characters replaced, so nothing in a run's settings can send
 * an escape sequence to the terminal.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * Renders the summary of a run.
     *
     * @param r the run (null: a one-line message)
     * @return the text, lines ending with {@code \n}
     */
    public static String render(RunResult r) {
        if (r == null) {
            return "callisto bench: no result\n";
        }
        Totals t = Facts.totals(r);
        StringBuilder b = new StringBuilder();
        b.append("callisto bench ").append(Text.plain(r.scenario())).append(" -> ").append(Text.plain(r.target()))
                .append(", started ").append(Facts.time(r.startedAt())).append("\n\n");

        if (!r.settings().isEmpty()) {
            b.append("Settings\n");
            TextTable settings = new TextTable("  ").allLeftAligned();
            for (Map.Entry<String, String> e : r.settings().entrySet()) {
                settings.row(e.getKey(), e.getValue());
            }
            b.append(settings.render()).append('\n');
        }

        b.append("Calls\n");
        TextTable calls = new TextTable("  ");
        calls.row("attempted", Long.toString(t.attempted()));
        calls.row("answered", Long.toString(t.answered()));
        calls.row("failed", Long.toString(t.failed()));
        for (Map.Entry<String, Long> e : t.failuresByReason().entrySet()) {
            calls.row("  " + e.getKey(), String.valueOf(e.getValue()));
        }
        calls.row("ASR (answered/attempted)", Numbers.percent(t.answerSeizureRatio()));
        calls.row("retransmissions", Long.toString(t.retransmissions()));
        calls.row("unexpected messages", Long.toString(t.unexpectedMessages()));
        calls.row("max concurrent", Long.toString(t.maxConcurrent()));
        calls.row("duration", Numbers.seconds(r.durationMs()));
        calls.row("average rate", Numbers.oneDecimal(Facts.averageRate(r)) + "/s");
        b.append(calls.render()).append('\n');
        b.append("Load: ").append(Text.plain(Facts.verdictLine(r))).append("\n\n");
        if (t.rtp() != null) {
            b.append(RtpText.block(t.rtp())).append('\n');
        }

        TextTable latency = new TextTable("");
        latency.row("Latency (ms)", "count", "min", "mean", "p50", "p90", "p99", "p99.9", "max");
        for (LatencySummary l : r.latencies()) {
            latency.row("  " + Text.plain(l.name()), Long.toString(l.count()), Numbers.ms(l.minMs()),
                    Numbers.ms(l.meanMs()), Numbers.ms(l.p50Ms()), Numbers.ms(l.p90Ms()), Numbers.ms(l.p99Ms()),
                    Numbers.ms(l.p999Ms()), Numbers.ms(l.maxMs()));
        }
        if (r.latencies().isEmpty()) {
            latency.row("  (no latency recorded)");
        }
        b.append(latency.render());
        return b.toString();
    }
}
