package io.callisto.server.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.proxy.internal.BestResponse.Candidate;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of RFC 3261 §16.7 step 6 and the merge of step 7. */
class BestResponseTest {

    private static final SipRequest INVITE = RecordRoutingTest.request("INVITE", "<sip:bob@example.com>",
            "<sip:a@192.0.2.50>");

    private static Candidate received(int status, String... headers) {
        MessageBuilder b = MessageBuilder.response(status)
                .header("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy")
                .header("Via", "SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bKa")
                .header("From", "<sip:alice@example.com>;tag=1").header("To", "<sip:bob@example.com>;tag=b" + status)
                .header("Call-ID", "c").header("CSeq", "1 INVITE");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Candidate.of(b.buildResponse());
    }

    @Test
    void sixHundredsWinOverEverything() {
        assertThat(BestResponse.choose(List.of(received(486), received(603), received(302))).status())
                .isEqualTo(603);
    }

    @Test
    void lowestClassWins() {
        assertThat(BestResponse.choose(List.of(received(500), received(404), received(302))).status())
                .isEqualTo(302);
    }

    @Test
    void withinFourHundredsChallengesAndRetryHintsComeFirstThenRealOverLocal() {
        assertThat(BestResponse.choose(List.of(received(404), received(407))).status()).isEqualTo(407);
        assertThat(BestResponse.choose(List.of(received(404), received(484))).status()).isEqualTo(484);
        assertThat(BestResponse.choose(List.of(Candidate.local(408, "Request Timeout"), received(480))).status())
                .isEqualTo(480);
        assertThat(BestResponse.choose(List.of(received(486), received(480))).status()).isEqualTo(486);
    }

    @Test
    void fiveOhThreeIsTheLastChoiceAndBecomesAFiveHundred() {
        assertThat(BestResponse.choose(List.of(received(503), received(502))).status()).isEqualTo(502);
        SipResponse r = BestResponse.build(List.of(received(503, "Retry-After", "30")), INVITE, false);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Retry-After")).isNull();
        assertThat(r.to().tag()).isNotNull();
    }

    @Test
    void nothingReceivedIs408OrWhenCancelled487() {
        assertThat(BestResponse.build(List.of(), INVITE, false).status()).isEqualTo(408);
        assertThat(BestResponse.build(List.of(), INVITE, true).status()).isEqualTo(487);
    }

    @Test
    void chosenResponseLosesOurViaAndCarriesEveryChallenge() {
        SipResponse r = BestResponse.build(List.of(
                received(401, "WWW-Authenticate", "Digest realm=\"a\", nonce=\"1\""),
                received(407, "Proxy-Authenticate", "Digest realm=\"b\", nonce=\"2\"",
                        "Proxy-Authenticate", "Digest realm=\"c\", nonce=\"3\""),
                received(486)), INVITE, false);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.vias()).hasSize(1);
        assertThat(r.headers("WWW-Authenticate")).containsExactly("Digest realm=\"a\", nonce=\"1\"");
        assertThat(r.headers("Proxy-Authenticate"))
                .containsExactly("Digest realm=\"b\", nonce=\"2\"", "Digest realm=\"c\", nonce=\"3\"");
    }

    @Test
    void aLocalCandidateIsAnsweredFromTheRequest() {
        SipResponse r = BestResponse.build(List.of(Candidate.local(408, "Next Hop Unreachable")), INVITE, false);
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.reason()).isEqualTo("Next Hop Unreachable");
        assertThat(r.callId()).isEqualTo("c");
    }
}
