package io.callisto.bench.report;

import java.nio.file.Path;

/** Writes the fixtures' reports to a directory, to look at them (not a test). */
final class Preview {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/preview");
        HtmlReport.write(Fixtures.realistic(), dir.resolve("realistic.html"));
        HtmlReport.write(Fixtures.hour(), dir.resolve("hour.html"));
        HtmlReport.write(Fixtures.oneInterval(), dir.resolve("one.html"));
        HtmlReport.write(Fixtures.withNulls(), dir.resolve("nulls.html"));
        HtmlReport.write(Fixtures.huge(), dir.resolve("huge.html"));
        HtmlReport.write(Fixtures.hostile(), dir.resolve("hostile.html"));
        HtmlReport.write(Fixtures.empty(), dir.resolve("empty.html"));
        HtmlReport.write(Fixtures.zeroCalls(), dir.resolve("zero.html"));
        JsonReport.write(Fixtures.realistic(), dir.resolve("realistic.json"));
        CsvReport.write(Fixtures.realistic(), dir.resolve("realistic.csv"));
        System.out.print(SummaryTable.render(Fixtures.realistic()));
        System.out.print(SummaryTable.render(Fixtures.hostile()));
    }
}
