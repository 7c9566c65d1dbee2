package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RTP figures of a run with {@code --rtp} in every report. */
class RtpReportTest {

    @TempDir
    Path dir;

    private static String line(String text, String start) {
        return Arrays.stream(text.split("\n")).filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void theSummaryHasAnRtpBlock() {
        String s = SummaryTable.render(Fixtures.withRtp());
        String rtp = s.substring(s.indexOf("\nRTP ("));
        assertThat(line(rtp, "sessions")).endsWith(" 1000");
        assertThat(line(rtp, "packets sent")).endsWith(" 100000");
        assertThat(line(rtp, "packets received")).endsWith(" 99990");
        assertThat(line(rtp, "packets lost")).endsWith(" 10");
        assertThat(line(rtp, "loss")).endsWith("0.01 %");
        assertThat(line(rtp, "jitter")).endsWith("1.40 / 4.50 ms");
        assertThat(line(rtp, "round trip")).endsWith("0.80 / 2.50 ms");
    }

    @Test
    void withoutRtpThereIsNoBlock() {
        assertThat(SummaryTable.render(Fixtures.realistic())).doesNotContain("RTP (");
        assertThat(StatusLine.plainLine(Fixtures.realistic().timeline().get(0), null)).doesNotContain("rtp");
    }

    @Test
    void statusLinesShowTheIntervalsFigures() {
        RunResult r = Fixtures.withRtp();
        assertThat(StatusLine.ttyLine(r.timeline().get(0), r.totals())).endsWith("rtp 1000 loss 0.02 % jit 1.25/4.50 ms");
        assertThat(StatusLine.plainLine(r.timeline().get(1), r.totals())).endsWith(" rtp_sessions=1000 rtp_sent=50000 "
                + "rtp_received=50000 rtp_lost=0 rtp_jitter_mean_ms=1.50 rtp_jitter_max_ms=3.00 rtp_rtt_mean_ms=-");
    }

    @Test
    void csvHasTheRtpColumnsEmptyWhenUnknown() {
        RunResult r = Fixtures.withRtp();
        List<String> first = CsvReport.row(r.timeline().get(0));
        List<String> second = CsvReport.row(r.timeline().get(1));
        int at = CsvReport.COLUMNS.indexOf("rtp_sessions");
        assertThat(first.subList(at, first.size())).containsExactly("1000", "50000", "49990", "10", "1.25", "4.5",
                "0.8", "2.5");
        assertThat(second.subList(at + 6, second.size())).containsExactly("", "");
        List<String> none = CsvReport.row(Fixtures.realistic().timeline().get(0));
        assertThat(none.subList(at, none.size())).containsOnly("");
        assertThat(none).hasSameSizeAs(CsvReport.COLUMNS);
    }

    @Test
    void htmlHasTheRtpTotalsAndAChartOnlyWithRtp() {
        String html = HtmlReport.render(Fixtures.withRtp());
        assertThat(html).contains("RTP over time", "RTP packets lost", "10 (0.01 %)", "1.40 / 4.50 ms");
        assertThat(HtmlReport.render(Fixtures.realistic())).doesNotContain("RTP over time", "RTP packets");
    }

    @Test
    void jsonRoundTripsAndCarriesTheLossRatio() throws IOException {
        RunResult r = Fixtures.withRtp();
        Path file = dir.resolve("rtp.json");
        JsonReport.write(r, file);
        assertThat(JsonReport.read(file)).isEqualTo(r);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        JsonNode rtp = root.get("totals").get("rtp");
        assertThat(rtp.get("packetsLost").asLong()).isEqualTo(10);
        assertThat(rtp.get("lossRatio").asDouble()).isEqualTo(10.0 / 100_000);
        assertThat(root.get("timeline").get(1).get("rtp").get("rttMeanMs").asDouble()).isEqualTo(-1);
    }
}
