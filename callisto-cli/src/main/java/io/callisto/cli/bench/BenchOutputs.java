package io.callisto.cli.bench;

import io.callisto.bench.report.CsvReport;
import io.callisto.bench.report.HtmlReport;
import io.callisto.bench.report.Interval;
import io.callisto.bench.report.JsonReport;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.report.StatusLine;
import io.callisto.bench.report.SummaryTable;
import io.callisto.bench.report.Totals;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one place the bench commands call the report writers of {@code io.callisto.bench.report}: the live status
 * line (rewritten in place on a terminal, one plain line per interval otherwise), the summary table, and the JSON,
 * CSV and HTML files.
 */
final class BenchOutputs {

    private final PrintStream out;
    private final boolean tty;
    private final StatusLine statusLine;

    BenchOutputs(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
        this.statusLine = new StatusLine(out, tty);
    }

    /** One closed interval: the live status. */
    void interval(Interval interval, Totals totals) {
        statusLine.update(interval, totals);
    }

    /** The run ended: close the status line. */
    void finish() {
        statusLine.finish();
        out.flush();
    }

    /** The final summary table. */
    String summary(RunResult result) {
        return SummaryTable.render(result);
    }

    /** Writes the requested files; null paths are skipped. */
    void write(RunResult result, Path html, Path json, Path csv, PrintStream err) throws IOException {
        if (json != null) {
            JsonReport.write(result, json);
        }
        if (csv != null) {
            CsvReport.write(result, csv);
        }
        if (html != null) {
            HtmlReport.write(result, html);
        }
    }

    boolean tty() {
        return tty;
    }
}
