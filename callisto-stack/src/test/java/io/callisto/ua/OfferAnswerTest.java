package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Offers the stack answers by itself through a call's {@link OfferAnswerer} (RFC 3264 with RFC 3262 §5, RFC 3311
 * §5.2, RFC 3261 §13.2.2.4 and §14.2), between Callisto UAs (alice 5061, bob 5062) and against a hand-driven peer
 * (5070), on the virtual clock.
 */
class OfferAnswerTest {

    private static final Body ALICE_OFFER = Body.sdp("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\n");
    private static final Body ALICE_ANSWER = Body.sdp("v=0\r\no=alice 2 1 IN IP4 127.0.0.1\r\n");
    private static final Body BOB_OFFER = Body.sdp("v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\n");
    private static final Body BOB_ANSWER = Body.sdp("v=0\r\no=bob 2 1 IN IP4 127.0.0.1\r\n");
    private static final Body NEW_OFFER = Body.sdp("v=0\r\no=alice 1 2 IN IP4 127.0.0.1\r\na=sendonly\r\n");

    private final UaHarness h = new UaHarness();
    private final RawPeer peer = new RawPeer(h.net, 5070);

    private UserAgent ua(String user, int port, ReliableProvisionals rel) {
        return h.ua(UserAgentConfig.builder("sip:" + user + "@127.0.0.1:" + port).reliableProvisionals(rel).build(),
                port);
    }

    @Test
    void anOfferInAnUpdateIsAnsweredByTheAnswererAndARefusalIs488() {
        UserAgent alice = ua("alice", 5061, ReliableProvisionals.SUPPORTED);
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.SUPPORTED);
        List<Body> offersSeen = new ArrayList<>();
        boolean[] refuse = {false};
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.answerOffersWith((call, offer) -> {
                offersSeen.add(offer);
                return refuse[0] ? null : BOB_ANSWER;
            });
            c.answer(BOB_OFFER.equals(c.remoteBody()) ? null : BOB_ANSWER);
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", ALICE_OFFER);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);

        CompletableFuture<SipResponse> r = call.update(NEW_OFFER);
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(offersSeen).containsExactly(NEW_OFFER);
        assertThat(call.remoteBody()).isEqualTo(BOB_ANSWER);
        assertThat(incoming[0].remoteBody()).isEqualTo(NEW_OFFER);

        refuse[0] = true;
        CompletableFuture<SipResponse> refused = call.update(ALICE_OFFER);
        h.settle();
        assertThat(refused.join().status()).as("RFC 3311 §5.2").isEqualTo(488);
        assertThat(incoming[0].remoteBody()).as("the session stays as it was").isEqualTo(NEW_OFFER);
        CompletableFuture<SipResponse> reinvite = call.reinvite(ALICE_OFFER);
        h.settle();
        assertThat(reinvite.join().status()).as("RFC 3261 §14.2").isEqualTo(488);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void aReInviteOfferIsAnsweredByTheAnswerer() {
        UserAgent alice = ua("alice", 5061, ReliableProvisionals.SUPPORTED);
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(c -> {
            c.answerOffersWith((call, offer) -> offer.equals(NEW_OFFER) ? BOB_ANSWER : null);
            c.answer(BOB_OFFER);
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", ALICE_OFFER);
        h.settle();
        CompletableFuture<SipResponse> r = call.reinvite(NEW_OFFER);
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(call.remoteBody()).isEqualTo(BOB_ANSWER);
    }

    @Test
    void aLateOfferInAReliable183IsAnsweredInThePrack() {
        UserAgent alice = ua("alice", 5061, ReliableProvisionals.SUPPORTED);
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.REQUIRED);
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.sessionProgress(BOB_OFFER); // the INVITE had no offer: this reliable 183 carries ours
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", null);
        List<Body> offersSeen = new ArrayList<>();
        call.answerOffersWith((c, offer) -> {
            offersSeen.add(offer);
            return ALICE_ANSWER;
        });
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.EARLY);
        assertThat(offersSeen).containsExactly(BOB_OFFER);
        assertThat(incoming[0].remoteBody()).as("RFC 3262 §5: the PRACK carried the answer").isEqualTo(ALICE_ANSWER);

        incoming[0].answer(null);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(offersSeen).as("answered once").hasSize(1);
        assertThat(incoming[0].remoteBody()).isEqualTo(ALICE_ANSWER);
    }

    @Test
    void aLateOfferInThe2xxIsAnsweredInTheAck() {
        UserAgent alice = ua("alice", 5061, ReliableProvisionals.OFF);
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.OFF);
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.answer(BOB_OFFER);
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", null);
        call.answerOffersWith((c, offer) -> offer.equals(BOB_OFFER) ? ALICE_ANSWER : null);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(call.remoteBody()).isEqualTo(BOB_OFFER);
        assertThat(incoming[0].state()).isEqualTo(CallState.CONFIRMED);
        assertThat(incoming[0].remoteBody()).as("§13.2.2.4: the ACK carried the answer").isEqualTo(ALICE_ANSWER);
    }

    @Test
    void aNewOfferInAPrackIsAnsweredInIts200() {
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(c -> {
            c.answerOffersWith((call, offer) -> BOB_ANSWER);
            c.sessionProgress(BOB_OFFER); // the answer to the INVITE's offer, in a reliable 183
        });
        peer.send("INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKoa1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: oa-1\n"
                + "CSeq: 7 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Require: 100rel\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + ALICE_OFFER.bytes().length + "\n\n" + ALICE_OFFER.text(), 5062);
        h.settle();
        SipResponse progress = peer.lastResponse();
        assertThat(progress.status()).isEqualTo(183);
        long rseq = progress.first(io.callisto.sip.header.Headers.RSEQ);
        peer.send("PRACK sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKoa2\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + progress.to().tag() + "\n"
                + "Call-ID: oa-1\n"
                + "CSeq: 8 PRACK\n"
                + "RAck: " + rseq + " 7 INVITE\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + NEW_OFFER.bytes().length + "\n\n" + NEW_OFFER.text(), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.cseq().method()).isEqualTo("PRACK");
        assertThat(ok.bodyText()).as("RFC 3262 §5").isEqualTo(BOB_ANSWER.text());
    }

    @Test
    void withoutAnAnswererAnUpdateOfferGetsOurLastSessionDescription() {
        UserAgent bob = ua("bob", 5062, ReliableProvisionals.SUPPORTED);
        bob.onIncomingCall(c -> c.answer(BOB_ANSWER));
        peer.onMessage = m -> { };
        peer.send("INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKoa3\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: oa-2\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + ALICE_OFFER.bytes().length + "\n\n" + ALICE_OFFER.text(), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        peer.send("UPDATE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKoa4\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + ok.to().tag() + "\n"
                + "Call-ID: oa-2\n"
                + "CSeq: 2 UPDATE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + NEW_OFFER.bytes().length + "\n\n" + NEW_OFFER.text(), 5062);
        h.settle();
        SipResponse updated = peer.lastResponse();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.bodyText()).isEqualTo(BOB_ANSWER.text());
    }
}
