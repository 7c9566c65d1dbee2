package io.callisto.bench.report.internal;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.LoadVerdict;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.report.Totals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What the summary table and the HTML report both derive from a {@link RunResult}, computed one way so the two
 * always agree, and with the defaults both show when a part of the result is missing.
 */
public final class Facts {

    private static final Totals NONE = new Totals(0, 0, 0, Map.of(), 0, 0, 0);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Facts() {
    }

    /**
     * The run's totals, or all zeros when it has none.
     *
     * @param r the run
     * @return the totals
     */
    public static Totals totals(RunResult r) {
        return r.totals() == null ? NONE : r.totals();
    }

    /**
     * The average achieved rate: calls attempted over the time calls were being started, i.e. from the start to
     * the end of the last interval in which one was (the calls still in progress after that do not dilute it);
     * over the whole duration when the run has no timeline.
     *
     * @param r the run
     * @return calls per second, NaN when no time passed
     */
    public static double averageRate(RunResult r) {
        long spanMs = r.durationMs();
        for (Interval i : r.timeline()) {
            if (i != null && i.attempted() > 0) {
                spanMs = i.endMs();
            }
        }
        return spanMs > 0 ? totals(r).attempted() * 1000.0 / spanMs : Double.NaN;
    }

    /**
     * The load verdict as one line: {@code "kept up: achieved 498.7/s of 500/s"} or
     * {@code "FELL BEHIND: ..."}.
     *
     * @param r the run
     * @return the line, not escaped
     */
    public static String verdictLine(RunResult r) {
        LoadVerdict v = r.verdict();
        if (v == null) {
            return "unknown: no verdict recorded";
        }
        String message = v.message() == null || v.message().isBlank() ? "" : ": " + v.message();
        return (v.keptUp() ? "kept up" : "FELL BEHIND") + message;
    }

    /**
     * The start time as {@code 2025-06-01 10:00:00 UTC}.
     *
     * @param at the instant, or null
     * @return the text, {@code "-"} for null
     */
    public static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /**
     * A human title for a latency distribution's name: {@code answer-delay} is "Answer delay (INVITE → 200)",
     * {@code post-dial-delay} is "Post-dial delay (INVITE → 180/183)", {@code response-time X} is "Response time
     * X"; any other name is returned as it is.
     *
     * @param name the name, or null
     * @return the title, not escaped
     */
    public static String latencyTitle(String name) {
        if (name == null) {
            return "-";
        }
        if (name.equals("answer-delay")) {
            return "Answer delay (INVITE \u2192 200)";
        }
        if (name.equals("post-dial-delay")) {
            return "Post-dial delay (INVITE \u2192 180/183)";
        }
        if (name.startsWith("response-time ")) {
            return "Response time " + name.substring("response-time ".length()) + " (request \u2192 final)";
        }
        return name;
    }
}
