package io.callisto.bench.report;

import io.callisto.bench.report.internal.Facts;
import io.callisto.bench.report.internal.Numbers;
import io.callisto.bench.report.internal.ReportCharts;
import io.callisto.bench.report.internal.SvgChart;
import io.callisto.bench.report.internal.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The HTML report: one self-contained file that any browser opens offline. It has no script at all and fetches
 * nothing (a Content-Security-Policy forbids every fetch); its CSS is inline and its charts are inline SVG drawn
 * here. It shows, from the top:
 *
 * <ul>
 *   <li>a header: scenario, target, start time, duration, and the load verdict (green when the system under test
 *       kept up, red when it fell behind);</li>
 *   <li>the settings, the totals (attempted, answered, failed by reason, ASR, retransmissions, unexpected
 *       messages, maximum of concurrent calls, average achieved rate) and the latency table (count, min, mean,
 *       p50, p90, p99, p99.9, max in milliseconds);</li>
 *   <li>charts over time: offered vs achieved rate (with failed calls per second), concurrent calls, and answer
 *       delay percentiles (p50, p90, p99, p99.9, max; a log scale when they span more than 1000 to 1; gaps where
 *       no call was answered);</li>
 *   <li>one latency histogram per distribution, answer delay first, with p50, p90 and p99 marked.</li>
 * </ul>
 *
 * <p>Every string from the run (scenario, target, settings, failure reasons, latency names) is escaped, and the
 * document is well-formed XML as well as HTML (tools can read it with an XML parser). Long runs
 * stay light: line charts keep at most about a thousand points per series (the lowest and highest of each group
 * of intervals, so peaks remain visible).
 */
public final class HtmlReport {

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #1d1d1f; background: #fff; margin: 0; }
            main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
            .meta { color: #555; margin: 0 0 10px; }
            .meta b { color: #1d1d1f; }
            .verdict { display: inline-block; padding: 6px 12px; border-radius: 5px; font-weight: 600; margin: 0; }
            .verdict.ok { background: #e3f4ea; color: #0b6b35; border: 1px solid #9fd6b4; }
            .verdict.behind { background: #fde8e4; color: #a3260e; border: 1px solid #f1a899; }
            .verdict.unknown { background: #f2f2f2; color: #444; border: 1px solid #ccc; }
            .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 36px; }
            table { border-collapse: collapse; }
            td, th { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
            table.kv td:first-child { color: #555; padding-right: 24px; }
            table.kv td.n { text-align: right; font-variant-numeric: tabular-nums; }
            table.kv tr.reason td:first-child { padding-left: 18px; }
            table.latency { width: 100%; }
            table.latency th { border-bottom: 1px solid #bbb; font-weight: 600; }
            table.latency th.n, table.latency td.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.wrap { overflow-wrap: anywhere; }
            svg.chart { display: block; margin: 6px 0 14px; max-width: 100%; height: auto; }
            svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            svg.chart .title { font-size: 15px; font-weight: 600; fill: #1d1d1f; }
            svg.chart .ticklabel { font-size: 12px; fill: #444; }
            svg.chart .axistitle { font-size: 12.5px; fill: #333; }
            svg.chart .legendlabel { font-size: 12.5px; fill: #1d1d1f; }
            svg.chart .gridline { stroke: #e6e6e6; stroke-width: 1; }
            svg.chart .axis, svg.chart .tick { stroke: #555; stroke-width: 1; }
            svg.chart .nodata { fill: #f6f6f6; stroke: #ddd; }
            svg.chart .nodatalabel { font-size: 14px; fill: #777; }
            footer { color: #888; font-size: 12px; margin-top: 24px; }
            """;

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code result} to {@code file} (UTF-8; replacing it; missing parent directories are
     * created).
     *
     * @param result the run
     * @param file   where to write
     * @throws IOException when the file cannot be written
     */
    public static void write(RunResult result, Path file) throws IOException {
        Reports.createParent(file);
        Files.writeString(file, render(result));
    }

    /**
     * The report's HTML.
     *
     * @param r the run
     * @return the whole document
     */
    public static String render(RunResult r) {
        Objects.requireNonNull(r, "result");
        StringBuilder b = new StringBuilder(64 * 1024);
        String heading = "callisto bench " + nonNull(r.scenario()) + " \u2192 " + nonNull(r.target());
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Text.xml(heading)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(b, r);
        b.append("<div class=\"columns\">\n");
        settings(b, r);
        totals(b, r);
        b.append("</div>\n");
        latencyTable(b, r);
        b.append("<h2>Load over time</h2>\n")
                .append(ReportCharts.rates(r))
                .append(ReportCharts.concurrent(r))
                .append("<h2>Latency over time</h2>\n")
                .append(ReportCharts.percentiles(r));
        String rtp = ReportCharts.rtp(r);
        if (rtp != null) {
            b.append("<h2>RTP over time</h2>\n").append(rtp);
        }
        b.append("<h2>Latency distribution</h2>\n");
        if (r.latencies().isEmpty()) {
            b.append(SvgChart.empty("histogram", "Latency histogram", "no latency recorded"));
        }
        for (LatencySummary l : r.latencies()) {
            b.append(ReportCharts.histogram(l));
        }
        b.append("<footer>Written by callisto bench. Rates are per reporting interval; latencies in milliseconds ")
                .append("from HdrHistogram (3 significant digits).</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, RunResult r) {
        b.append("<header>\n<h1>callisto bench <span class=\"scenario\">").append(Text.xml(nonNull(r.scenario())))
                .append("</span></h1>\n<p class=\"meta\">target <b>").append(Text.xml(nonNull(r.target())))
                .append("</b> \u00b7 started <b>").append(Text.xml(Facts.time(r.startedAt())))
                .append("</b> \u00b7 lasted <b>").append(Numbers.seconds(r.durationMs())).append("</b></p>\n");
        String cls = r.verdict() == null ? "unknown" : r.verdict().keptUp() ? "ok" : "behind";
        b.append("<p class=\"verdict ").append(cls).append("\">Load ").append(Text.xml(Facts.verdictLine(r)))
                .append("</p>\n</header>\n");
    }

    private static void settings(StringBuilder b, RunResult r) {
        b.append("<section>\n<h2>Settings</h2>\n<table class=\"kv settings\">\n");
        if (r.settings().isEmpty()) {
            b.append("<tr><td>(none recorded)</td></tr>\n");
        }
        for (Map.Entry<String, String> e : r.settings().entrySet()) {
            b.append("<tr><td>").append(Text.xml(e.getKey())).append("</td><td class=\"wrap\">")
                    .append(Text.xml(e.getValue())).append("</td></tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    private static void totals(StringBuilder b, RunResult r) {
        Totals t = Facts.totals(r);
        b.append("<section>\n<h2>Calls</h2>\n<table class=\"kv totals\">\n");
        row(b, "", "attempted", Long.toString(t.attempted()));
        row(b, "", "answered", Long.toString(t.answered()));
        row(b, "", "failed", Long.toString(t.failed()));
        for (Map.Entry<String, Long> e : t.failuresByReason().entrySet()) {
            row(b, "reason", e.getKey(), String.valueOf(e.getValue()));
        }
        row(b, "", "ASR (answered / attempted)", Numbers.percent(t.answerSeizureRatio()));
        row(b, "", "retransmissions", Long.toString(t.retransmissions()));
        row(b, "", "unexpected messages", Long.toString(t.unexpectedMessages()));
        row(b, "", "max concurrent", Long.toString(t.maxConcurrent()));
        row(b, "", "duration", Numbers.seconds(r.durationMs()));
        row(b, "", "average achieved rate", Numbers.oneDecimal(Facts.averageRate(r)) + "/s");
        if (t.rtp() != null) {
            RtpFigures f = t.rtp();
            row(b, "", "RTP sessions", Long.toString(f.sessions()));
            row(b, "", "RTP packets sent / received", f.packetsSent() + " / " + f.packetsReceived());
            row(b, "", "RTP packets lost", f.packetsLost() + " (" + Numbers.percent(f.lossRatio()) + ")");
            row(b, "", "RTP jitter mean / max", RtpText.ms(f.jitterMeanMs()) + " / " + RtpText.ms(f.jitterMaxMs())
                    + " ms");
            row(b, "", "RTP round trip mean / max", RtpText.ms(f.rttMeanMs()) + " / " + RtpText.ms(f.rttMaxMs())
                    + " ms");
        }
        b.append("</table>\n</section>\n");
    }

    private static void row(StringBuilder b, String cls, String name, String value) {
        b.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + cls + "\">").append("<td>").append(Text.xml(name))
                .append("</td><td class=\"n\">").append(Text.xml(value)).append("</td></tr>\n");
    }

    private static void latencyTable(StringBuilder b, RunResult r) {
        b.append("<h2>Latency (ms)</h2>\n<table class=\"latency\">\n<tr><th>distribution</th>");
        for (String h : new String[] {"count", "min", "mean", "p50", "p90", "p99", "p99.9", "max"}) {
            b.append("<th class=\"n\">").append(h).append("</th>");
        }
        b.append("</tr>\n");
        if (r.latencies().isEmpty()) {
            b.append("<tr><td colspan=\"9\">no latency recorded</td></tr>\n");
        }
        for (LatencySummary l : r.latencies()) {
            b.append("<tr><td>").append(Text.xml(Facts.latencyTitle(l.name()))).append("</td>");
            String[] cells = {Long.toString(l.count()), Numbers.ms(l.minMs()), Numbers.ms(l.meanMs()),
                Numbers.ms(l.p50Ms()), Numbers.ms(l.p90Ms()), Numbers.ms(l.p99Ms()), Numbers.ms(l.p999Ms()),
                Numbers.ms(l.maxMs())};
            for (String c : cells) {
                b.append("<td class=\"n\">").append(c).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static String nonNull(String s) {
        return s == null ? "-" : s;
    }
}
