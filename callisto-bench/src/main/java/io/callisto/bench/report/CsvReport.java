package io.callisto.bench.report;

import io.callisto.bench.report.internal.Csv;
import io.callisto.bench.report.internal.Numbers;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline of a run as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed, UTF-8): a header
 * row, then one row per {@link Interval}, in time order. The columns, in this order:
 *
 * <pre>
 * end_ms,length_ms,offered_per_s,achieved_per_s,concurrent,attempted,answered,failed,retransmissions,
 * p50_ms,p90_ms,p99_ms,p999_ms,max_ms,rtp_sessions,rtp_sent,rtp_received,rtp_lost,rtp_jitter_mean_ms,
 * rtp_jitter_max_ms,rtp_rtt_mean_ms,rtp_rtt_max_ms
 * </pre>
 *
 * <p>The {@code rtp_} columns ({@link RtpFigures}) are empty in a run without {@code --rtp}, and a jitter or
 * round-trip column is empty when nothing was measured.
 *
 * <p>Counts are integers; rates and latencies (milliseconds) are decimals with a dot, as many digits as it takes
 * to read the exact value back. The percentile columns are empty when no call was answered in the interval (and
 * any value that is not a number is empty).
 */
public final class CsvReport {

    /** The header row's column names, in order. */
    public static final List<String> COLUMNS = List.of("end_ms", "length_ms", "offered_per_s", "achieved_per_s",
            "concurrent", "attempted", "answered", "failed", "retransmissions", "p50_ms", "p90_ms", "p99_ms",
            "p999_ms", "max_ms", "rtp_sessions", "rtp_sent", "rtp_received", "rtp_lost", "rtp_jitter_mean_ms",
            "rtp_jitter_max_ms", "rtp_rtt_mean_ms", "rtp_rtt_max_ms");

    private CsvReport() {
    }

    /**
     * Writes the timeline of {@code result} to {@code file} (replacing it; missing parent directories are
     * created).
     *
     * @param result the run
     * @param file   where to write
     * @throws IOException when the file cannot be written
     */
    public static void write(RunResult result, Path file) throws IOException {
        java.util.Objects.requireNonNull(result, "result");
        Reports.createParent(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Csv.record(COLUMNS));
            for (Interval i : result.timeline()) {
                w.write(Csv.record(row(i)));
            }
        }
    }

    /**
     * The fields of one row.
     *
     * @param i the interval
     * @return its fields, as many as {@link #COLUMNS}
     */
    static List<String> row(Interval i) {
        List<String> f = new ArrayList<>(COLUMNS.size());
        f.add(Long.toString(i.endMs()));
        f.add(Long.toString(i.lengthMs()));
        f.add(Numbers.machine(i.offeredPerSec()));
        f.add(Numbers.machine(i.achievedPerSec()));
        f.add(Long.toString(i.concurrent()));
        f.add(Long.toString(i.attempted()));
        f.add(Long.toString(i.answered()));
        f.add(Long.toString(i.failed()));
        f.add(Long.toString(i.retransmissions()));
        Interval.Percentiles p = i.latency();
        f.add(p == null ? "" : Numbers.machine(p.p50Ms()));
        f.add(p == null ? "" : Numbers.machine(p.p90Ms()));
        f.add(p == null ? "" : Numbers.machine(p.p99Ms()));
        f.add(p == null ? "" : Numbers.machine(p.p999Ms()));
        f.add(p == null ? "" : Numbers.machine(p.maxMs()));
        RtpFigures r = i.rtp();
        f.add(r == null ? "" : Long.toString(r.sessions()));
        f.add(r == null ? "" : Long.toString(r.packetsSent()));
        f.add(r == null ? "" : Long.toString(r.packetsReceived()));
        f.add(r == null ? "" : Long.toString(r.packetsLost()));
        f.add(r == null || r.jitterMeanMs() < 0 ? "" : Numbers.machine(r.jitterMeanMs()));
        f.add(r == null || r.jitterMaxMs() < 0 ? "" : Numbers.machine(r.jitterMaxMs()));
        f.add(r == null || r.rttMeanMs() < 0 ? "" : Numbers.machine(r.rttMeanMs()));
        f.add(r == null || r.rttMaxMs() < 0 ? "" : Numbers.machine(r.rttMaxMs()));
        return f;
    }
}
