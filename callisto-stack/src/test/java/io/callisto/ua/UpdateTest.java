package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** UPDATE (RFC 3311) between Callisto UAs and against a hand-driven peer, on the virtual clock. */
class UpdateTest {

    private static final Body OFFER = Body.sdp("v=0\r\no=alice 1 2 IN IP4 127.0.0.1\r\n");
    private static final Body ANSWER = Body.sdp("v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\n");

    private final UaHarness h = new UaHarness();

    @Test
    void anUpdateInAConfirmedCallCarriesTheOfferAndGetsTheCurrentAnswer() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
        List<CallEvent> bobEvents = new ArrayList<>();
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.addListener(bobEvents::add);
            c.answer(ANSWER);
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", Body.sdp("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\n"));
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);

        CompletableFuture<SipResponse> r = call.update(OFFER);
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(call.remoteBody()).isEqualTo(ANSWER);
        assertThat(incoming[0].remoteBody()).as("the callee took the offer").isEqualTo(OFFER);
        assertThat(bobEvents).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(CallEvent.Type.REFRESHED);
            assertThat(e.reason()).isEqualTo("UPDATE");
        });

        CompletableFuture<SipResponse> refresh = incoming[0].update(null);
        h.settle();
        assertThat(refresh.join().status()).as("a session refresh without a body").isEqualTo(200);
        assertThat(refresh.join().bodyLength()).isZero();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void theCalleeUpdatesTheEarlyDialogBeforeAnswering() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.ring();
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", null);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.RINGING);

        CompletableFuture<SipResponse> r = incoming[0].update(ANSWER);
        h.settle();
        assertThat(r.join().status()).as("the caller knows the early dialog (§5.1)").isEqualTo(200);
        assertThat(call.remoteBody()).isEqualTo(ANSWER);

        incoming[0].answer(ANSWER);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(alice.activeDialogs()).isEqualTo(1);
        call.hangup();
        h.settle();
        assertThat(alice.activeDialogs()).isZero();
        assertThat(bob.activeDialogs()).isZero();
    }

    @Test
    void anUpdateWithoutADialogFailsAtOnce() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061); // the raw peer takes the INVITE, answers nothing
        Call call = alice.call("sip:bob@127.0.0.1:5070", null);
        h.settle();
        CompletableFuture<SipResponse> r = call.update(OFFER);
        h.settle();
        assertThat(r).isCompletedExceptionally();
        assertThatThrownBy(r::join).hasRootCauseInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------------------------------------- glare

    private final RawPeer peer = new RawPeer(h.net, 5070);

    /** alice calls the raw peer, which answers 200 (tag p); returns the confirmed call. */
    private Call confirmedCallToPeer(UserAgent alice) {
        peer.onMessage = m -> {
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                SipResponse ok = Messages.responseTo(r, 200, null, "p");
                ok.set(Headers.CONTACT, NameAddress.parse("<sip:peer@127.0.0.1:5070>"));
                peer.send(ok, 5061);
            }
        };
        Call call = alice.call("sip:peer@127.0.0.1:5070", OFFER);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        return call;
    }

    private void updateFromPeer(SipRequest ourRequest, long cseq, boolean withOffer) {
        String text = "UPDATE sip:alice@127.0.0.1:5061 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKup" + cseq + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: " + ourRequest.from() + "\n"
                + "Call-ID: " + ourRequest.callId() + "\n"
                + "CSeq: " + cseq + " UPDATE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + (withOffer ? "Content-Type: application/sdp\n" : "")
                + "Content-Length: " + (withOffer ? ANSWER.bytes().length : 0) + "\n\n"
                + (withOffer ? ANSWER.text() : "");
        peer.send(text, 5061);
        h.settle();
    }

    private List<SipRequest> requests(String method) {
        return peer.received.stream().filter(m -> m instanceof SipRequest r && r.isMethod(method))
                .map(m -> (SipRequest) m).toList();
    }

    private SipResponse lastResponse(String method) {
        SipResponse last = null;
        for (var m : peer.received) {
            if (m instanceof SipResponse r && r.cseq().method().equals(method)) {
                last = r;
            }
        }
        return last;
    }

    @Test
    void crossingOffersGet491AndOurUpdateIsTriedOnceMoreAfterTheBackOff() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        Call call = confirmedCallToPeer(alice);
        SipRequest invite = requests("INVITE").get(0);
        peer.onMessage = m -> { }; // our UPDATE stays unanswered for now
        CompletableFuture<SipResponse> r = call.update(OFFER);
        h.settle();
        SipRequest ours = requests("UPDATE").get(0);

        updateFromPeer(invite, 1, true);
        assertThat(lastResponse("UPDATE").status()).as("§5.2: our offer is unanswered").isEqualTo(491);

        peer.send(Messages.responseTo(ours, 491), 5061);
        h.settle();
        assertThat(r).isNotDone();
        h.run(4_000); // alice placed the call: 2.1-4 s (and the retry's own retransmissions, same CSeq)
        assertThat(requests("UPDATE").stream().map(u -> u.cseq().number()).distinct())
                .containsExactly(ours.cseq().number(), ours.cseq().number() + 1);
        SipRequest again = requests("UPDATE").get(requests("UPDATE").size() - 1);
        peer.send(Messages.responseTo(again, 491), 5061);
        h.settle();
        assertThat(r.join().status()).as("only once more").isEqualTo(491);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void anOfferInAnUpdateWhileTheInvitesOfferIsUnansweredGets500WithRetryAfter() {
        UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
        bob.onIncomingCall(Call::ring);
        String invite = "INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKi1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: up-1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + OFFER.bytes().length + "\n\n" + OFFER.text();
        peer.send(invite, 5062);
        h.settle();
        SipResponse ringing = lastResponse("INVITE");
        assertThat(ringing.status()).isEqualTo(180);
        String update = "UPDATE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKu1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + ringing.to().tag() + "\n"
                + "Call-ID: up-1\n"
                + "CSeq: 2 UPDATE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + OFFER.bytes().length + "\n\n" + OFFER.text();
        peer.send(update, 5062);
        h.settle();
        SipResponse r = lastResponse("UPDATE");
        assertThat(r.status()).isEqualTo(500);
        assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(0, 10);
    }
}
