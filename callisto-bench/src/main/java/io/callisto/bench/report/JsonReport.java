package io.callisto.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON report: a whole {@link RunResult}, one object, indented. Field names are the record components' names
 * and are stable (renaming one is a breaking change of the report format):
 *
 * <ul>
 *   <li>{@code scenario}, {@code target} (strings), {@code startedAt} (ISO-8601 UTC,
 *       {@code "2025-06-01T10:00:00Z"}), {@code durationMs} (integer);</li>
 *   <li>{@code settings}: object of strings, in the order the run showed them;</li>
 *   <li>{@code totals}: {@code attempted}, {@code answered}, {@code failed}, {@code failuresByReason} (object,
 *       reason → count), {@code retransmissions}, {@code unexpectedMessages}, {@code maxConcurrent}; and
 *       {@code answerSeizureRatio} (0 to 1, derived: ignored when read back); {@code rtp} (null without
 *       {@code --rtp}, else {@link RtpFigures}: {@code sessions}, {@code packetsSent}, {@code packetsReceived},
 *       {@code packetsLost}, {@code jitterMeanMs}, {@code jitterMaxMs}, {@code rttMeanMs}, {@code rttMaxMs} and
 *       the derived {@code lossRatio});</li>
 *   <li>{@code latencies}: array of {@code name}, {@code count}, {@code minMs}, {@code meanMs}, {@code p50Ms},
 *       {@code p90Ms}, {@code p99Ms}, {@code p999Ms}, {@code maxMs}, {@code histogram} (array of
 *       {@code fromMs}, {@code toMs}, {@code count});</li>
 *   <li>{@code timeline}: array of {@code endMs}, {@code lengthMs}, {@code offeredPerSec},
 *       {@code achievedPerSec}, {@code concurrent}, {@code attempted}, {@code answered}, {@code failed},
 *       {@code retransmissions}, {@code latency} (null, or {@code p50Ms}, {@code p90Ms}, {@code p99Ms},
 *       {@code p999Ms}, {@code maxMs}), {@code rtp} (null, or the interval's {@link RtpFigures});</li>
 *   <li>{@code verdict}: {@code keptUp} (boolean), {@code message}.</li>
 * </ul>
 *
 * <p>Latencies are in milliseconds, rates in calls per second. A value that is not a number is written as the
 * string {@code "NaN"} (or {@code "Infinity"}). Unknown fields are ignored when reading, so a newer report with
 * more fields still reads.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(Totals.class, TotalsWithRatio.class)
            .addMixIn(RtpFigures.class, RtpWithLossRatio.class)
            .registerModule(new SimpleModule("callisto-bench-report")
                    .addSerializer(Instant.class, new InstantWriter())
                    .addDeserializer(Instant.class, new InstantReader()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonReport() {
    }

    /**
     * Writes {@code result} to {@code file} (replacing it; missing parent directories are created).
     *
     * @param result the run
     * @param file   where to write
     * @throws IOException when the file cannot be written
     */
    public static void write(RunResult result, Path file) throws IOException {
        java.util.Objects.requireNonNull(result, "result");
        Reports.createParent(file);
        Files.writeString(file, toJson(result) + "\n");
    }

    /**
     * The JSON text of {@code result}.
     *
     * @param result the run
     * @return the JSON
     * @throws IOException when the result cannot be serialised (it always can)
     */
    public static String toJson(RunResult result) throws IOException {
        return MAPPER.writeValueAsString(result);
    }

    /**
     * Reads a report written by {@link #write(RunResult, Path)}.
     *
     * @param file the JSON file
     * @return the run, equal to the one written
     * @throws IOException when the file cannot be read or is not a run result (the message says why)
     */
    public static RunResult read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    /**
     * Parses the JSON text of a run.
     *
     * @param json the text
     * @return the run
     * @throws IOException when it is not a run result
     */
    public static RunResult fromJson(String json) throws IOException {
        RunResult r;
        try {
            r = MAPPER.readValue(json, RunResult.class);
        } catch (RuntimeException e) {
            throw new IOException("not a bench run result: " + e.getMessage(), e);
        }
        if (r == null) {
            throw new IOException("not a bench run result: null");
        }
        return r;
    }

    /** Adds the derived answer/seizure ratio to the totals' JSON, for readers that want it without computing. */
    private abstract static class TotalsWithRatio {
        @JsonProperty("answerSeizureRatio")
        abstract double answerSeizureRatio();
    }

    /** Adds the derived loss ratio to the RTP figures' JSON. */
    private abstract static class RtpWithLossRatio {
        @JsonProperty("lossRatio")
        abstract double lossRatio();
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
