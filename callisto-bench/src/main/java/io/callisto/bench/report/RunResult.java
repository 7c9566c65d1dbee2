package io.callisto.bench.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured: what every report (summary table, JSON, CSV, HTML) is written from. The
 * engine builds it once the run has ended; reports never see the engine.
 *
 * @param scenario   the scenario's name ({@code call}, {@code uas}, {@code register}, … or a file's name)
 * @param target     where the load went ({@code 127.0.0.1:5060}), or the bound address for a {@code uas} run
 * @param startedAt  wall-clock start of the run
 * @param durationMs how long the run lasted, from the first call to the last one ending
 * @param settings   the run's settings as shown to the user (rate, ramp, max concurrent, transport, …), in order
 * @param totals     counts over the whole run
 * @param latencies  latency distributions over the whole run, by name (see {@link LatencySummary#name()}), in
 *                   a stable order: answer delay first, then post-dial delay, then response times by method
 * @param timeline   one entry per reporting interval (1 s by default), in time order
 * @param verdict    whether the system under test kept up with the offered load
 */
public record RunResult(
        String scenario,
        String target,
        Instant startedAt,
        long durationMs,
        Map<String, String> settings,
        Totals totals,
        List<LatencySummary> latencies,
        List<Interval> timeline,
        LoadVerdict verdict) {

    public RunResult {
        // a copy that keeps the caller's order (Map.copyOf would not): reports show settings in order
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        latencies = List.copyOf(latencies);
        timeline = List.copyOf(timeline);
    }
}
