package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Date header: rfc1123-date in GMT (RFC 3261 §20.17). */
class SipDateTest {
    @Test
    void rfc3261Example() {
        SipDate d = one(Headers.DATE, "Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(d.instant()).isEqualTo(Instant.parse("2010-11-13T23:29:00Z"));
        assertThat(d.text()).isEqualTo("Sat, 13 Nov 2010 23:29:00 GMT");
        canonical(Headers.DATE, "Sat, 13 Nov 2010 23:29:00 GMT");
    }

    @Test
    void builtFromInstant() {
        SipDate d = SipDate.of(Instant.parse("2010-01-01T16:00:00.750Z"));
        assertThat(d.toString()).isEqualTo("Fri, 01 Jan 2010 16:00:00 GMT");
        assertThat(d.instant()).isEqualTo(Instant.parse("2010-01-01T16:00:00Z"));
        assertThat(one(Headers.DATE, d.toString())).isEqualTo(d);
        assertThat(SipDate.of(Instant.parse("2024-02-29T00:00:59Z")).toString())
                .isEqualTo("Thu, 29 Feb 2024 00:00:59 GMT");
        assertThat(SipDate.now().toString()).endsWith(" GMT");
        assertThatThrownBy(() -> SipDate.of(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consecutiveSecondsAndInstantsWithinOneSecond() {
        SipDate a = SipDate.of(Instant.parse("2030-06-01T10:00:00.100Z"));
        assertThat(SipDate.of(Instant.parse("2030-06-01T10:00:00.900Z")).toString())
                .isEqualTo("Sat, 01 Jun 2030 10:00:00 GMT").isEqualTo(a.toString());
        assertThat(SipDate.of(Instant.parse("2030-06-01T10:00:01.000Z")).toString())
                .isEqualTo("Sat, 01 Jun 2030 10:00:01 GMT");
        assertThat(SipDate.of(Instant.parse("2030-06-01T10:00:00.500Z")).toString())
                .isEqualTo("Sat, 01 Jun 2030 10:00:00 GMT"); // back again: not the later second's text
        assertThat(SipDate.of(Instant.parse("1969-12-31T23:59:59.500Z")).toString())
                .isEqualTo("Wed, 31 Dec 1969 23:59:59 GMT");
        assertThat(SipDate.of(Instant.parse("1970-01-01T00:00:00.000Z")).toString())
                .isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
    }

    @Test
    void caseOfNamesIsIgnoredAndTextKept() {
        SipDate d = one(Headers.DATE, "sat, 13 nov 2010 23:29:00 gmt");
        assertThat(d).isEqualTo(one(Headers.DATE, "Sat, 13 Nov 2010 23:29:00 GMT"));
        assertThat(d.toString()).isEqualTo("sat, 13 nov 2010 23:29:00 gmt");
    }

    @Test
    void zoneMustBeGmt() {
        // RFC 4475 §3.1.2.12 baddate.
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00 EST")).isEqualTo("time zone must be GMT");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00 UTC")).isEqualTo("time zone must be GMT");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00 +0000")).isEqualTo("time zone must be GMT");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00")).isEqualTo("space expected, found end of value");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00 ")).isEqualTo("space expected, found end of value");
    }

    @Test
    void malformedDates() {
        assertThat(reason(Headers.DATE, "Friday, 01 Jan 2010 16:00:00 GMT")).isEqualTo("',' after weekday expected");
        assertThat(reason(Headers.DATE, "Fre, 01 Jan 2010 16:00:00 GMT")).isEqualTo("weekday expected");
        assertThat(reason(Headers.DATE, "Fri, 1 Jan 2010 16:00:00 GMT")).isEqualTo("2-digit day expected");
        assertThat(reason(Headers.DATE, "Fri, 01 January 2010 16:00:00 GMT")).isEqualTo("space expected");
        assertThat(reason(Headers.DATE, "Fri, 01 Jam 2010 16:00:00 GMT")).isEqualTo("month expected");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 10 16:00:00 GMT")).isEqualTo("4-digit year expected");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00 GMT")).isEqualTo("':' in time expected");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 24:00:00 GMT"))
                .isEqualTo("time out of range (00:00:00 to 23:59:59)");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 23:59:60 GMT"))
                .isEqualTo("time out of range (00:00:00 to 23:59:59)");
        assertThat(reason(Headers.DATE, "Sat, 29 Feb 2010 10:00:00 GMT")).isEqualTo("day out of range for the month");
        assertThat(reason(Headers.DATE, "Sat, 00 Feb 2010 10:00:00 GMT")).isEqualTo("day out of range for the month");
        assertThat(reason(Headers.DATE, "Fri,  01 Jan 2010 16:00:00 GMT")).isEqualTo("2-digit day expected");
        assertThat(reason(Headers.DATE, "Fri, 01 Jan 2010 16:00:00 GMT GMT"))
                .isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.DATE, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.DATE, "1262361600")).isEqualTo("weekday expected");
    }
}
