package io.callisto.cli.bench;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.report.Totals;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one place the bench commands call the report writers of {@code io.callisto.bench.report} (live status
 * line, summary table, JSON, CSV, HTML). Until those writers are merged, their calls are commented out and a plain
 * fallback ({@link PlainSummary}) prints the status and the summary; the files are then not written and the user
 * is told so.
 */
final class BenchOutputs {

    /** True once the report writers are merged and the calls below are switched on. */
    static final boolean WRITERS = false;

    private final PrintStream out;
    private final boolean tty;
    // private final io.callisto.bench.report.StatusLine statusLine;

    BenchOutputs(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
        // this.statusLine = new io.callisto.bench.report.StatusLine(out, tty);
    }

    /** One closed interval: the live status. */
    void interval(Interval interval, Totals totals) {
        // statusLine.update(interval, totals);
        out.println(PlainSummary.statusLine(interval, totals));
    }

    /** The run ended: close the status line. */
    void finish() {
        // statusLine.finish();
        out.flush();
    }

    /** The final summary table. */
    String summary(RunResult result) {
        // return io.callisto.bench.report.SummaryTable.render(result);
        return PlainSummary.render(result);
    }

    /** Writes the requested files; null paths are skipped. */
    void write(RunResult result, Path html, Path json, Path csv, PrintStream err) throws IOException {
        // if (json != null) io.callisto.bench.report.JsonReport.write(result, json);
        // if (csv != null) io.callisto.bench.report.CsvReport.write(result, csv);
        // if (html != null) io.callisto.bench.report.HtmlReport.write(result, html);
        if (!WRITERS && (html != null || json != null || csv != null)) {
            err.println("note: the report writers (--report, --json, --csv) are not in this build; no file written");
        }
    }

    boolean tty() {
        return tty;
    }
}
