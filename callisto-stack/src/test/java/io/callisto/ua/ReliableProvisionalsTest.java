package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.RAck;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 3262, reliable provisional responses and PRACK, on the virtual clock: a Callisto UA (bob, port 5062; alice, port
 * 5061) against a hand-driven peer (port 5070).
 */
class ReliableProvisionalsTest {

    private static final long T1 = 500;
    private static final Body SDP = Body.sdp("v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\n");

    private final UaHarness h = new UaHarness();
    private final RawPeer peer = new RawPeer(h.net, 5070);

    private UserAgent bob(ReliableProvisionals policy) {
        return h.ua(UserAgentConfig.builder("sip:bob@127.0.0.1:5062").reliableProvisionals(policy).build(), 5062);
    }

    private static String invite(String extra) {
        return "INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKinv1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: rel-1\n"
                + "CSeq: 7 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + extra
                + "Content-Length: 0\n\n";
    }

    private static String prack(String toTag, long rseq, long cseq, String branch) {
        return "PRACK sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + toTag + "\n"
                + "Call-ID: rel-1\n"
                + "CSeq: " + cseq + " PRACK\n"
                + "RAck: " + rseq + " 7 INVITE\n"
                + "Content-Length: 0\n\n";
    }

    private List<SipResponse> responses(int status, String method) {
        return peer.received.stream().filter(m -> m instanceof SipResponse r && r.status() == status
                && r.cseq().method().equals(method)).map(m -> (SipResponse) m).toList();
    }

    // ---------------------------------------------------------------------------------------------- UAS

    @Test
    void aRequired180IsRetransmittedWithDoublingIntervalsUntilItsPrack() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(Call::ring);
        peer.send(invite("Require: 100rel\nSupported: 100rel\n"), 5062);
        h.settle();
        List<SipResponse> ringing = responses(180, "INVITE");
        assertThat(ringing).hasSize(1);
        SipResponse first = ringing.get(0);
        assertThat(first.all(Headers.REQUIRE)).containsExactly("100rel");
        long rseq = first.first(Headers.RSEQ);
        assertThat(rseq).isBetween(1L, (long) Integer.MAX_VALUE);

        h.run(T1 - 1);
        assertThat(responses(180, "INVITE")).as("not before T1").hasSize(1);
        h.run(1);
        assertThat(responses(180, "INVITE")).as("at T1").hasSize(2);
        h.run(2 * T1 - 1);
        assertThat(responses(180, "INVITE")).as("not before 3*T1").hasSize(2);
        h.run(1);
        assertThat(responses(180, "INVITE")).as("at 3*T1: the interval doubled").hasSize(3);
        assertThat(responses(180, "INVITE")).allSatisfy(r -> assertThat(r.first(Headers.RSEQ)).isEqualTo(rseq));

        peer.send(prack(first.to().tag(), rseq, 8, "pr1"), 5062);
        h.settle();
        assertThat(responses(200, "PRACK")).hasSize(1);
        h.run(60_000);
        assertThat(responses(180, "INVITE")).as("no retransmission after the PRACK").hasSize(3);
    }

    @Test
    void aPrackThatMatchesNothingIs481() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(Call::ring);
        peer.send(invite("Require: 100rel\n"), 5062);
        h.settle();
        SipResponse ringing = responses(180, "INVITE").get(0);
        long rseq = ringing.first(Headers.RSEQ);
        peer.send(prack(ringing.to().tag(), rseq + 1, 8, "pr1"), 5062);
        h.settle();
        assertThat(responses(481, "PRACK")).as("wrong RSeq").hasSize(1);
        peer.send(prack(ringing.to().tag(), rseq, 9, "pr2"), 5062);
        peer.send(prack(ringing.to().tag(), rseq, 10, "pr3"), 5062);
        h.settle();
        assertThat(responses(200, "PRACK")).hasSize(1);
        assertThat(responses(481, "PRACK")).as("already acknowledged").hasSize(2);
    }

    @Test
    void afterTheAnswerRetransmissionsStopButALatePrackIsStillAcknowledged() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(c -> {
            c.ring();
            c.answer(null); // the 180 had no body: the 200 need not wait (§3)
        });
        peer.send(invite("Require: 100rel\n"), 5062);
        h.settle();
        SipResponse ringing = responses(180, "INVITE").get(0);
        assertThat(responses(200, "INVITE")).hasSize(1);
        h.run(10 * T1);
        assertThat(responses(180, "INVITE")).as("§3: no retransmission after a final response").hasSize(1);
        peer.send(prack(ringing.to().tag(), ringing.first(Headers.RSEQ), 8, "pr1"), 5062);
        h.settle();
        assertThat(responses(200, "PRACK")).as("§3: still prepared to process its PRACK").hasSize(1);
    }

    @Test
    void theTwoHundredWaitsForThePrackOfAReliable183WithABody() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(c -> {
            c.sessionProgress(SDP);
            c.answer(SDP);
        });
        peer.send(invite("Require: 100rel\n"), 5062);
        h.settle();
        SipResponse progress = responses(183, "INVITE").get(0);
        assertThat(progress.body()).isEqualTo(SDP.bytes());
        assertThat(responses(200, "INVITE")).as("§3: not before the PRACK").isEmpty();
        peer.send(prack(progress.to().tag(), progress.first(Headers.RSEQ), 8, "pr1"), 5062);
        h.settle();
        assertThat(responses(200, "PRACK")).hasSize(1);
        assertThat(responses(200, "INVITE")).hasSize(1);
    }

    @Test
    void noPrackWithin64T1RejectsTheInviteWithA500() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        Call[] call = new Call[1];
        bob.onIncomingCall(c -> {
            call[0] = c;
            c.ring();
        });
        peer.send(invite("Require: 100rel\n"), 5062);
        h.settle();
        h.run(64 * T1 - 1);
        assertThat(responses(500, "INVITE")).isEmpty();
        assertThat(responses(180, "INVITE")).as("sent at 0, 1, 3, 7, 15, 31 and 63 T1").hasSize(7);
        h.run(1);
        assertThat(responses(500, "INVITE")).hasSize(1);
        assertThat(call[0].state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void onlySupportedMeansUnreliableUnlessThePolicyRequiresIt() {
        UserAgent bob = bob(ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(Call::ring);
        peer.send(invite("Supported: 100rel\n"), 5062);
        h.settle();
        SipResponse ringing = responses(180, "INVITE").get(0);
        assertThat(ringing.first(Headers.RSEQ)).isNull();
        assertThat(ringing.all(Headers.REQUIRE)).isEmpty();
    }

    @Test
    void policyRequiredSendsReliablyAndRefusesInvitesWithout100rel() {
        UserAgent bob = bob(ReliableProvisionals.REQUIRED);
        bob.onIncomingCall(Call::ring);
        peer.send(invite(""), 5062);
        h.settle();
        SipResponse refused = responses(421, "INVITE").get(0);
        assertThat(refused.all(Headers.REQUIRE)).containsExactly("100rel");

        peer.send(invite("Supported: 100rel\n").replace("z9hG4bKinv1", "z9hG4bKinv2").replace("rel-1", "rel-2"),
                5062);
        h.settle();
        assertThat(responses(180, "INVITE")).singleElement()
                .satisfies(r -> assertThat(r.first(Headers.RSEQ)).isNotNull());
    }

    @Test
    void policyOffRefusesARequired100relWith420() {
        UserAgent bob = bob(ReliableProvisionals.OFF);
        bob.onIncomingCall(Call::ring);
        peer.send(invite("Require: 100rel\n"), 5062);
        h.settle();
        SipResponse refused = responses(420, "INVITE").get(0);
        assertThat(refused.header("Unsupported")).isEqualTo("100rel");
    }

    // ---------------------------------------------------------------------------------------------- UAC

    @Test
    void theCallerAcknowledgesEachReliableProvisionalOnceAndInOrder() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        SipRequest[] inv = new SipRequest[1];
        peer.onMessage = m -> {
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                inv[0] = r;
            } else if (m instanceof SipRequest r && (r.isMethod("PRACK") || r.isMethod("BYE"))) {
                peer.send(Messages.responseTo(r, 200), 5061);
            }
        };
        Call call = alice.call("sip:bob@127.0.0.1:5070", null);
        h.settle();
        assertThat(inv[0].all(Headers.SUPPORTED)).contains("100rel");
        long inviteCSeq = inv[0].cseq().number();

        peer.send(reliable(inv[0], 180, 5), 5061);
        peer.send(reliable(inv[0], 180, 5), 5061); // a retransmission: discarded
        peer.send(reliable(inv[0], 183, 7), 5061); // out of order: discarded
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.RINGING);
        peer.send(reliable(inv[0], 183, 6), 5061);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.EARLY);

        List<SipRequest> pracks = requests("PRACK");
        assertThat(pracks).extracting(p -> p.first(Headers.RACK))
                .containsExactly(new RAck(5, inviteCSeq, "INVITE"), new RAck(6, inviteCSeq, "INVITE"));
        assertThat(pracks).extracting(p -> p.cseq().number()).containsExactly(inviteCSeq + 1, inviteCSeq + 2);
        assertThat(pracks).allSatisfy(p -> {
            assertThat(p.to().tag()).as("in the early dialog").isEqualTo("b1");
            assertThat(p.requestUriText()).isEqualTo("sip:bob@127.0.0.1:5070");
        });

        SipResponse ok = Messages.responseTo(inv[0], 200, null, "b1");
        ok.set(Headers.CONTACT, NameAddress.parse("<sip:bob@127.0.0.1:5070>"));
        peer.send(ok, 5061);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        call.hangup();
        h.settle();
        assertThat(requests("BYE")).singleElement().satisfies(b -> assertThat(b.cseq().number())
                .as("after the INVITE and two PRACKs").isEqualTo(inviteCSeq + 3));
    }

    private static SipResponse reliable(SipRequest invite, int status, long rseq) {
        SipResponse r = Messages.responseTo(invite, status, null, "b1");
        r.set(Headers.CONTACT, NameAddress.parse("<sip:bob@127.0.0.1:5070>"));
        r.setHeader("Require", "100rel");
        r.set(Headers.RSEQ, rseq);
        return r;
    }

    private List<SipRequest> requests(String method) {
        return peer.received.stream().filter(m -> m instanceof SipRequest r && r.isMethod(method))
                .map(m -> (SipRequest) m).toList();
    }
}
