package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReportTest {

    @TempDir
    Path dir;

    static Stream<RunResult> fixtures() {
        return Stream.of(Fixtures.realistic(), Fixtures.empty(), Fixtures.oneInterval(), Fixtures.withNulls(),
                Fixtures.zeroCalls(), Fixtures.huge(), Fixtures.hostile(), Fixtures.hour());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsToAnEqualResult(RunResult r) throws IOException {
        Path file = dir.resolve("sub/dir/out.json");
        JsonReport.write(r, file);
        RunResult back = JsonReport.read(file);
        assertThat(back).isEqualTo(r);
        assertThat(new ArrayList<>(back.settings().keySet())).containsExactlyElementsOf(r.settings().keySet());
    }

    @Test
    void fieldNamesAreTheDocumentedOnes() throws IOException {
        JsonNode root = new ObjectMapper().readTree(JsonReport.toJson(Fixtures.realistic()));
        assertThat(names(root)).containsExactly("scenario", "target", "startedAt", "durationMs", "settings",
                "totals", "latencies", "timeline", "verdict");
        assertThat(root.get("startedAt").asText()).isEqualTo("2025-06-01T10:00:00Z");
        assertThat(names(root.get("totals"))).containsExactlyInAnyOrder("attempted", "answered", "failed",
                "failuresByReason", "retransmissions", "unexpectedMessages", "maxConcurrent",
                "answerSeizureRatio", "rtp");
        assertThat(root.get("totals").get("answerSeizureRatio").asDouble())
                .isEqualTo(Fixtures.realistic().totals().answerSeizureRatio());
        assertThat(names(root.get("latencies").get(0))).containsExactly("name", "count", "minMs", "meanMs",
                "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs", "histogram");
        assertThat(names(root.get("latencies").get(0).get("histogram").get(0)))
                .containsExactly("fromMs", "toMs", "count");
        assertThat(names(root.get("timeline").get(0))).containsExactly("endMs", "lengthMs", "offeredPerSec",
                "achievedPerSec", "concurrent", "attempted", "answered", "failed", "retransmissions", "latency", "rtp");
        assertThat(names(root.get("timeline").get(0).get("latency")))
                .containsExactly("p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs");
        assertThat(names(root.get("verdict"))).containsExactly("keptUp", "message");
        assertThat(names(root.get("settings"))).containsExactly("rate", "ramp", "duration", "call length",
                "max concurrent", "transport", "to", "no-answer timeout");
    }

    @Test
    void notANumberIsWrittenAsAString() throws IOException {
        JsonNode root = new ObjectMapper().readTree(JsonReport.toJson(Fixtures.withNulls()));
        assertThat(root.get("latencies").get(0).get("p50Ms").asText()).isEqualTo("NaN");
        assertThat(root.get("timeline").get(2).get("latency").isNull()).isTrue();
    }

    @Test
    void badFilesAreReportedNotThrownAtRandom() throws IOException {
        for (String text : List.of("", "null", "[1,2]", "{\"settings\": null, \"latencies\": [], \"timeline\": []}",
                "{\"startedAt\": \"yesterday\", \"settings\": {}, \"latencies\": [], \"timeline\": []}", "{",
                "\"just a string\"")) {
            Path f = dir.resolve("bad.json");
            Files.writeString(f, text);
            assertThatThrownBy(() -> JsonReport.read(f)).as(text).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> JsonReport.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class);
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        String json = JsonReport.toJson(Fixtures.oneInterval()).replaceFirst("\\{", "{\"futureField\": 1,");
        assertThat(JsonReport.fromJson(json)).isEqualTo(Fixtures.oneInterval());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
