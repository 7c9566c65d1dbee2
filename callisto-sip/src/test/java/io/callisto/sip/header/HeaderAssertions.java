package io.callisto.sip.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.sip.parse.ParseError;
import java.util.List;

/** Shared checks for the header value tests: parse one value, round trips, and the reason of a ParseError. */
final class HeaderAssertions {
    private HeaderAssertions() {}

    /** Parses a value that must hold exactly one element. */
    static <T> T one(HeaderKey<T> key, String value) {
        List<T> values = key.parse(value);
        assertThat(values).as("values of %s: %s", key, value).hasSize(1);
        return values.get(0);
    }

    /** Parses, formats and parses again: the second parse must equal the first, and format must be stable. */
    static <T> List<T> roundTrip(HeaderKey<T> key, String value) {
        List<T> first = key.parse(value);
        String written = String.join(", ", first.stream().map(key::format).toList());
        List<T> second = key.parse(written);
        assertThat(second).as("re-parse of %s", written).isEqualTo(first);
        assertThat(String.join(", ", second.stream().map(key::format).toList())).isEqualTo(written);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).hashCode()).isEqualTo(first.get(i).hashCode());
        }
        return first;
    }

    /** Round-trips a value already in canonical form: formatting must give back exactly {@code value}. */
    static <T> void canonical(HeaderKey<T> key, String value) {
        List<T> values = roundTrip(key, value);
        assertThat(String.join(", ", values.stream().map(key::format).toList())).isEqualTo(value);
    }

    /** The reason of the ParseError that parsing {@code value} must raise; checks it names the header. */
    static String reason(HeaderKey<?> key, String value) {
        try {
            List<?> parsed = key.parse(value);
            return fail("expected a ParseError for %s: %s, got %s", key, value, parsed);
        } catch (ParseError e) {
            assertThat(e.header()).isEqualTo(key.name().canonical());
            assertThat(e.offset()).isBetween(0, value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            return e.reason();
        }
    }
}
