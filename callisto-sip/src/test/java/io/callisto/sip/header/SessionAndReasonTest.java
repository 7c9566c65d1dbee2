package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Session-Expires, Min-SE (RFC 4028), RSeq, RAck (RFC 3262), Reason (RFC 3326), Privacy (RFC 3323). */
class SessionAndReasonTest {
    @Test
    void sessionExpiresRfc4028Examples() {
        SessionExpires se = one(Headers.SESSION_EXPIRES, "4000;refresher=uac");
        assertThat(se.seconds()).isEqualTo(4000);
        assertThat(se.refresher()).isEqualTo(SessionExpires.UAC);
        canonical(Headers.SESSION_EXPIRES, "4000;refresher=uac");
        assertThat(one(Headers.SESSION_EXPIRES, "50").refresher()).isNull();
        assertThat(one(Headers.SESSION_EXPIRES, "1800 ; refresher = UAS").refresher()).isEqualTo("uas");
        assertThat(SessionExpires.of(1800, null).withRefresher("uas").toString()).isEqualTo("1800;refresher=uas");
        assertThat(reason(Headers.SESSION_EXPIRES, "4000;refresher=proxy")).isEqualTo("refresher must be uac or uas");
        assertThat(reason(Headers.SESSION_EXPIRES, "4000;refresher")).isEqualTo("refresher must be uac or uas");
        assertThat(reason(Headers.SESSION_EXPIRES, "-1")).isEqualTo("negative number");
        assertThat(reason(Headers.SESSION_EXPIRES, "99999999999")).isEqualTo("number out of range");
        assertThatThrownBy(() -> SessionExpires.of(90, "b2bua")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minSe() {
        MinSE m = one(Headers.MIN_SE, "3600");
        assertThat(m.seconds()).isEqualTo(3600);
        assertThat(m).isEqualTo(MinSE.of(3600));
        canonical(Headers.MIN_SE, "3600");
        canonical(Headers.MIN_SE, "90;x=y");
        assertThat(one(Headers.MIN_SE, "30").seconds()).isLessThan(MinSE.FLOOR);
        assertThat(reason(Headers.MIN_SE, "1h")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.MIN_SE, "")).isEqualTo("empty header value");
    }

    @Test
    void rseqAndRackRfc3262Examples() {
        assertThat(Headers.RSEQ.parse("988789")).containsExactly(988789L);
        assertThat(Headers.RSEQ.parse("4294967295")).containsExactly(4294967295L);
        RAck rack = one(Headers.RACK, "776656 1 INVITE");
        assertThat(rack.rseq()).isEqualTo(776656);
        assertThat(rack.cseqNumber()).isEqualTo(1);
        assertThat(rack.method()).isEqualTo("INVITE");
        assertThat(rack.cseq()).isEqualTo(new CSeq(1, "INVITE"));
        assertThat(RAck.of(776656, new CSeq(1, "INVITE"))).isEqualTo(rack);
        canonical(Headers.RACK, "776656 1 INVITE");
        assertThat(one(Headers.RACK, "1\t2147483647  FOO").method()).isEqualTo("FOO");
    }

    @Test
    void malformedRseqAndRack() {
        assertThat(reason(Headers.RSEQ, "0")).isEqualTo("RSeq out of range (1 to 2^32-1)");
        assertThat(reason(Headers.RSEQ, "4294967296")).isEqualTo("RSeq out of range (1 to 2^32-1)");
        assertThat(reason(Headers.RSEQ, "123456789012345678901")).isEqualTo("RSeq too large");
        assertThat(reason(Headers.RSEQ, "-5")).isEqualTo("negative RSeq");
        assertThat(reason(Headers.RSEQ, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.RACK, "0 1 INVITE")).isEqualTo("RAck response-num out of range (1 to 2^32-1)");
        assertThat(reason(Headers.RACK, "776656 2147483648 INVITE"))
                .isEqualTo("RAck CSeq number out of range (must be below 2^31)");
        assertThat(reason(Headers.RACK, "776656 1")).isEqualTo("space expected after RAck CSeq number");
        assertThat(reason(Headers.RACK, "776656 1 ")).isEqualTo("space expected after RAck CSeq number");
        assertThat(reason(Headers.RACK, "776656")).isEqualTo("space expected after RAck response-num");
        assertThat(reason(Headers.RACK, "776656 INVITE")).isEqualTo("RAck CSeq number expected");
        assertThat(reason(Headers.RACK, "776656 1 INV/ITE")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.RACK, "776656 1 @")).isEqualTo("RAck method expected");
        assertThatThrownBy(() -> new RAck(0, 1, "INVITE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonRfc3326Examples() {
        List<Reason> reasons = Headers.REASON.parse("SIP ;cause=200 ;text=\"Call completed elsewhere\"");
        assertThat(reasons).singleElement().satisfies(r -> {
            assertThat(r.protocol()).isEqualTo("SIP");
            assertThat(r.cause()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Call completed elsewhere");
        });
        roundTrip(Headers.REASON, "SIP ;cause=200 ;text=\"Call completed elsewhere\"");
        Reason q850 = one(Headers.REASON, "Q.850 ;cause=16 ;text=\"Terminated\"");
        assertThat(q850.protocol()).isEqualTo("Q.850");
        assertThat(q850.cause()).isEqualTo(16);
        canonical(Headers.REASON, "SIP;cause=600;text=\"Busy Everywhere\", Q.850;cause=16");
        canonical(Headers.REASON, "SIP;cause=580;text=\"Precondition Failure\"");
        assertThat(one(Headers.REASON, "preemption").cause()).isEqualTo(-1);
        assertThat(Reason.of("SIP", 487, "Request \"x\" terminated").toString())
                .isEqualTo("SIP;cause=487;text=\"Request \\\"x\\\" terminated\"");
        assertThat(reason(Headers.REASON, "SIP;cause=abc")).isEqualTo("cause must be a number (1*DIGIT, at most 99999)");
        assertThat(reason(Headers.REASON, "SIP;cause=1234567")).isEqualTo("cause must be a number (1*DIGIT, at most 99999)");
        assertThat(reason(Headers.REASON, "SIP;text=\"unterminated")).isEqualTo("unterminated quoted string");
        assertThat(reason(Headers.REASON, ";cause=200")).isEqualTo("reason protocol expected");
    }

    @Test
    void privacyRfc3323() {
        Privacy id = one(Headers.PRIVACY, "id");
        assertThat(id.values()).containsExactly("id");
        assertThat(id.has(Privacy.ID)).isTrue();
        assertThat(id.isNone()).isFalse();
        canonical(Headers.PRIVACY, "id");
        Privacy several = one(Headers.PRIVACY, "header;session; user ;Critical");
        assertThat(several.values()).containsExactly("header", "session", "user", "Critical");
        assertThat(several.isCritical()).isTrue();
        assertThat(several.toString()).isEqualTo("header;session;user;Critical");
        assertThat(one(Headers.PRIVACY, "none").isNone()).isTrue();
        assertThat(Privacy.of("user", "id")).isEqualTo(one(Headers.PRIVACY, "USER;ID"));
        assertThat(reason(Headers.PRIVACY, "id;")).isEqualTo("priv-value after ';' expected");
        assertThat(reason(Headers.PRIVACY, "id, user")).isEqualTo("more than one value in a single-value header");
        assertThat(reason(Headers.PRIVACY, "a;".repeat(40) + "a")).isEqualTo("too many priv-values");
        assertThatThrownBy(() -> Privacy.of()).isInstanceOf(IllegalArgumentException.class);
    }
}
