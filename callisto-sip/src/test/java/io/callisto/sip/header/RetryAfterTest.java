package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Retry-After (RFC 3261 §20.33). */
class RetryAfterTest {
    @Test
    void rfc3261Examples() {
        RetryAfter r = one(Headers.RETRY_AFTER, "18000;duration=3600");
        assertThat(r.seconds()).isEqualTo(18000);
        assertThat(r.duration()).isEqualTo(3600);
        assertThat(r.comment()).isNull();
        canonical(Headers.RETRY_AFTER, "18000;duration=3600");

        RetryAfter m = one(Headers.RETRY_AFTER, "120 (I'm in a meeting)");
        assertThat(m.seconds()).isEqualTo(120);
        assertThat(m.comment()).isEqualTo("I'm in a meeting");
        assertThat(m.duration()).isEqualTo(-1);
        canonical(Headers.RETRY_AFTER, "120 (I'm in a meeting)");
    }

    @Test
    void commentsNestAndEscapeAndFold() {
        RetryAfter r = one(Headers.RETRY_AFTER, "5(busy (really) \\) ok);duration=0;x=y");
        assertThat(r.comment()).isEqualTo("busy (really) \\) ok");
        assertThat(r.parameters().get("x")).isEqualTo("y");
        assertThat(r.duration()).isZero();
        roundTrip(Headers.RETRY_AFTER, "5(busy (really) \\) ok);duration=0;x=y");
        assertThat(one(Headers.RETRY_AFTER, "5 (two\r\n lines)").comment()).isEqualTo("two lines");
        assertThat(one(Headers.RETRY_AFTER, "5 (caf\u00e9)").comment()).isEqualTo("caf\u00e9");
        assertThat(one(Headers.RETRY_AFTER, "4294967295").seconds()).isEqualTo(4294967295L);
        assertThat(RetryAfter.of(30).toString()).isEqualTo("30");
        assertThat(new RetryAfter(30, "x (y)", Parameters.ofPairs("duration", "60")).toString())
                .isEqualTo("30 (x (y));duration=60");
    }

    @Test
    void malformed() {
        assertThat(reason(Headers.RETRY_AFTER, "-1")).isEqualTo("negative number");
        assertThat(reason(Headers.RETRY_AFTER, "4294967296")).isEqualTo("number out of range");
        assertThat(reason(Headers.RETRY_AFTER, "soon")).isEqualTo("number expected");
        assertThat(reason(Headers.RETRY_AFTER, "120 (I'm in a meeting")).isEqualTo("unterminated comment");
        assertThat(reason(Headers.RETRY_AFTER, "120 (a (b)")).isEqualTo("unterminated comment");
        assertThat(reason(Headers.RETRY_AFTER, "120 (a\\")).isEqualTo("unterminated comment");
        assertThat(reason(Headers.RETRY_AFTER, "120 (a\u0001b)")).isEqualTo("control character in comment");
        assertThat(reason(Headers.RETRY_AFTER, "120 (a\r\nb)")).isEqualTo("line break in comment");
        assertThat(reason(Headers.RETRY_AFTER, "120 " + "(".repeat(20) + ")".repeat(20)))
                .isEqualTo("comment nested too deeply");
        assertThat(reason(Headers.RETRY_AFTER, "120;duration=soon"))
                .isEqualTo("duration parameter must be delta-seconds (0 to 2^32-1)");
        assertThat(reason(Headers.RETRY_AFTER, "120;duration=99999999999"))
                .isEqualTo("duration parameter must be delta-seconds (0 to 2^32-1)");
        assertThat(reason(Headers.RETRY_AFTER, "120 (a) (b)")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.RETRY_AFTER, "120, 60")).isEqualTo("more than one value in a single-value header");
        assertThatThrownBy(() -> new RetryAfter(1, "a)", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryAfter(1, "a\\", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryAfter(-1, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
