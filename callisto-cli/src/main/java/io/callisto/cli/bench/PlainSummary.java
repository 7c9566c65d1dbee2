package io.callisto.cli.bench;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.LatencySummary;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.report.Totals;
import java.util.Locale;
import java.util.Map;

/** A minimal text status line and summary, used until the report writers are merged (see {@link BenchOutputs}). */
final class PlainSummary {

    private PlainSummary() {
    }

    static String statusLine(Interval i, Totals t) {
        String lat = i.latency() == null ? "-" : String.format(Locale.ROOT, "p50 %.2f p99 %.2f ms",
                i.latency().p50Ms(), i.latency().p99Ms());
        return String.format(Locale.ROOT,
                "%7.1f s  rate %.1f/s (offered %.1f/s)  in progress %d  attempted %d  ok %d  failed %d"
                        + "  retrans %d  %s",
                i.endMs() / 1000.0, i.achievedPerSec(), i.offeredPerSec(), i.concurrent(), t.attempted(),
                t.answered(), t.failed(), t.retransmissions(), lat);
    }

    static String render(RunResult r) {
        StringBuilder sb = new StringBuilder();
        Totals t = r.totals();
        sb.append(String.format(Locale.ROOT, "%s against %s, %.1f s%n", r.scenario(), r.target(),
                r.durationMs() / 1000.0));
        sb.append(String.format(Locale.ROOT, "  attempted %d  succeeded %d  failed %d  ASR %.1f%%  max concurrent %d%n",
                t.attempted(), t.answered(), t.failed(), 100 * t.answerSeizureRatio(), t.maxConcurrent()));
        for (Map.Entry<String, Long> e : t.failuresByReason().entrySet()) {
            sb.append("  failed ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  retransmissions %d  unexpected messages %d%n", t.retransmissions(),
                t.unexpectedMessages()));
        for (LatencySummary l : r.latencies()) {
            sb.append(String.format(Locale.ROOT,
                    "  %-24s n=%d  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms%n", l.name(), l.count(),
                    l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs()));
        }
        sb.append("  load: ").append(r.verdict().keptUp() ? "" : "NOT KEPT UP: ").append(r.verdict().message());
        return sb.toString();
    }
}
