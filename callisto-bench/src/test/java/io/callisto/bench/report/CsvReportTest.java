package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {

    @TempDir
    Path dir;

    /** A strict RFC 4180 reader, to check what the writer wrote. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CR is followed by LF").isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare LF or quote inside an unquoted field").isNotIn('\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(row).as("the last record ends with CRLF").isEmpty();
        return rows;
    }

    private List<List<String>> written(RunResult r) throws IOException {
        Path f = dir.resolve("out/timeline.csv");
        CsvReport.write(r, f);
        return parse(Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void oneRowPerIntervalUnderAHeader() throws IOException {
        RunResult r = Fixtures.realistic();
        List<List<String>> rows = written(r);
        assertThat(rows).hasSize(1 + r.timeline().size());
        assertThat(rows.get(0)).containsExactly("end_ms", "length_ms", "offered_per_s", "achieved_per_s",
                "concurrent", "attempted", "answered", "failed", "retransmissions", "p50_ms", "p90_ms", "p99_ms",
                "p999_ms", "max_ms", "rtp_sessions", "rtp_sent", "rtp_received", "rtp_lost", "rtp_jitter_mean_ms",
                "rtp_jitter_max_ms", "rtp_rtt_mean_ms", "rtp_rtt_max_ms");
        assertThat(rows).allMatch(row -> row.size() == CsvReport.COLUMNS.size());
        Interval i = r.timeline().get(20);
        List<String> row = rows.get(21);
        assertThat(Long.parseLong(row.get(0))).isEqualTo(i.endMs());
        assertThat(Double.parseDouble(row.get(3))).isEqualTo(i.achievedPerSec());
        assertThat(Long.parseLong(row.get(4))).isEqualTo(i.concurrent());
        assertThat(Long.parseLong(row.get(7))).isEqualTo(i.failed());
        assertThat(Double.parseDouble(row.get(9))).isEqualTo(i.latency().p50Ms());
        assertThat(Double.parseDouble(row.get(13))).isEqualTo(i.latency().maxMs());
    }

    @Test
    void missingPercentilesAreEmptyFields() throws IOException {
        List<List<String>> rows = written(Fixtures.withNulls());
        assertThat(rows.get(3).subList(9, 14)).containsOnly("");
        assertThat(rows.get(1).get(9)).isEqualTo("11");
    }

    @Test
    void edgeCases() throws IOException {
        assertThat(written(Fixtures.empty())).hasSize(1);
        assertThat(written(Fixtures.oneInterval())).hasSize(2);
        List<List<String>> huge = written(Fixtures.huge());
        assertThat(huge.get(1).get(4)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(huge.get(1).get(11)).isEqualTo(Double.toString(Double.MAX_VALUE));
        assertThat(huge.get(1).get(12)).isEmpty(); // infinite
        assertThat(huge.get(2).get(2)).isEmpty(); // NaN
        assertThat(written(Fixtures.hour())).hasSize(3601);
    }

    @Test
    void quotedFieldsSurviveTheReader() {
        String text = io.callisto.bench.report.internal.Csv.record(List.of("a,b", "say \"hi\"", "x\r\ny", "plain"));
        assertThat(parse(text)).containsExactly(List.of("a,b", "say \"hi\"", "x\r\ny", "plain"));
    }
}
