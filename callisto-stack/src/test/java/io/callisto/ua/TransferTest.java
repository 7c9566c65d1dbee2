package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Replaces;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REFER (RFC 3515) and Replaces (RFC 3891) among three Callisto UAs and a hand-driven peer, on the virtual clock. */
class TransferTest {

    private final UaHarness h = new UaHarness();
    private final UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
    private final UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
    private final UserAgent carol = h.ua("sip:carol@127.0.0.1:5063", 5063);
    private final List<Call> atBob = new ArrayList<>();
    private final List<Call> atCarol = new ArrayList<>();

    private void answerAll() {
        bob.onIncomingCall(c -> {
            atBob.add(c);
            c.answer(null);
        });
        carol.onIncomingCall(c -> {
            atCarol.add(c);
            c.ring();
            c.answer(null);
        });
    }

    @Test
    void blindTransferLeavesTheTransfereeInACallWithTheTarget() {
        answerAll();
        Call aliceToBob = alice.call("sip:bob@127.0.0.1:5062", null);
        h.settle();
        assertThat(aliceToBob.state()).isEqualTo(CallState.CONFIRMED);
        List<IncomingRefer> refers = new ArrayList<>();
        List<Call> placed = new ArrayList<>();
        aliceToBob.onRefer(r -> {
            refers.add(r);
            placed.add(r.acceptAndCall(null));
        });

        // bob, the transferor, refers alice to carol and hangs up once the transfer succeeded
        Subscription transfer = atBob.get(0).refer(Uri.parse("sip:carol@127.0.0.1:5063"));
        List<Integer> progress = new ArrayList<>();
        transfer.addListener(n -> {
            progress.add(n.sipfragStatus());
            if (n.sipfragStatus() == 200) {
                atBob.get(0).hangup();
            }
        });
        h.settle();

        assertThat(refers).hasSize(1);
        assertThat(refers.get(0).target().toString()).isEqualTo("sip:carol@127.0.0.1:5063");
        assertThat(refers.get(0).referredBy().uri().toString()).isEqualTo("sip:bob@127.0.0.1:5062");
        assertThat(progress).as("§2.4.5: 100 Trying first, the final response last").containsExactly(100, 180, 200);
        assertThat(transfer.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(transfer.reason()).isEqualTo("noresource");
        assertThat(placed.get(0).state()).isEqualTo(CallState.CONFIRMED);
        assertThat(atCarol).hasSize(1);
        assertThat(atCarol.get(0).state()).isEqualTo(CallState.CONFIRMED);
        assertThat(atCarol.get(0).invite().header("Referred-By")).contains("sip:bob@127.0.0.1:5062");
        assertThat(aliceToBob.state()).isEqualTo(CallState.TERMINATED);
        assertThat(bob.activeCalls()).isZero();
        assertThat(bob.activeDialogs()).isZero();
        assertThat(alice.activeCalls()).isEqualTo(1);
    }

    @Test
    void aReferWithoutAListenerIsDeclinedAndTheSubscriptionEnds() {
        answerAll();
        Call call = alice.call("sip:bob@127.0.0.1:5062", null);
        h.settle();
        Subscription s = call.refer(Uri.parse("sip:carol@127.0.0.1:5063"));
        h.settle();
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("603");
        assertThat(call.state()).as("the call goes on").isEqualTo(CallState.CONFIRMED);
        assertThat(alice.activeDialogs()).isEqualTo(1);
    }

    @Test
    void aFailedReferredCallIsReportedWithItsStatus() {
        bob.onIncomingCall(c -> {
            atBob.add(c);
            c.answer(null);
        });
        carol.onIncomingCall(c -> c.reject(486, "Busy Here"));
        Call call = alice.call("sip:bob@127.0.0.1:5062", null);
        h.settle();
        atBob.get(0).onRefer(r -> r.acceptAndCall(null));
        Subscription s = call.refer(Uri.parse("sip:carol@127.0.0.1:5063"));
        List<Integer> progress = new ArrayList<>();
        s.addListener(n -> progress.add(n.sipfragStatus()));
        h.settle();
        assertThat(progress).containsExactly(100, 486);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void attendedTransferReplacesTheConsultationCall() {
        answerAll();
        Call aliceToBob = alice.call("sip:bob@127.0.0.1:5062", null);
        Call aliceToCarol = alice.call("sip:carol@127.0.0.1:5063", null);
        h.settle();
        assertThat(aliceToBob.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(aliceToCarol.state()).isEqualTo(CallState.CONFIRMED);
        List<IncomingRefer> refers = new ArrayList<>();
        atBob.get(0).onRefer(r -> {
            refers.add(r);
            r.acceptAndCall(null);
        });

        Subscription transfer = aliceToBob.refer(Uri.parse("sip:carol@127.0.0.1:5063"), aliceToCarol);
        transfer.addListener(n -> {
            if (n.sipfragStatus() == 200) {
                aliceToBob.hangup();
            }
        });
        h.settle();

        Replaces r = refers.get(0).replaces();
        assertThat(r).as("RFC 3891 §5: Replaces in the Refer-To").isNotNull();
        assertThat(r.callId()).isEqualTo(aliceToCarol.callId());
        assertThat(SipUri.parse(refers.get(0).request().header("Refer-To").replaceAll("[<>]", "")).header("Replaces"))
                .isEqualTo(r.toString());
        assertThat(atCarol).hasSize(2);
        Call replacing = atCarol.get(1);
        assertThat(replacing.replaces()).isSameAs(atCarol.get(0));
        assertThat(replacing.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(atCarol.get(0).state()).as("§3: the replaced call ends with BYE").isEqualTo(CallState.TERMINATED);
        assertThat(aliceToCarol.state()).isEqualTo(CallState.TERMINATED);
        assertThat(aliceToBob.state()).isEqualTo(CallState.TERMINATED);
        assertThat(alice.activeCalls()).isZero();
        assertThat(bob.activeCalls()).isEqualTo(1);
        assertThat(carol.activeCalls()).isEqualTo(1);
    }

    // ------------------------------------------------------------------- Replaces matching (RFC 3891 §3)

    private final RawPeer peer = new RawPeer(h.net, 5070);

    private int inviteWithReplaces(String callId, String replaces) {
        peer.received.clear();
        peer.send("INVITE sip:carol@127.0.0.1:5063 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:carol@127.0.0.1:5063>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + replaces
                + "Content-Length: 0\n\n", 5063);
        h.settle();
        for (SipMessage m : peer.received) {
            if (m instanceof SipResponse resp && resp.status() >= 200) {
                return resp.status();
            }
        }
        return 0;
    }

    /** The peer's ACK for the 2xx {@code ok} to its INVITE (same Call-ID, CSeq 1). */
    private void ackFromPeer(SipResponse ok) {
        peer.send("ACK sip:carol@127.0.0.1:5063 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKack" + ok.callId() + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: " + ok.to() + "\n"
                + "Call-ID: " + ok.callId() + "\n"
                + "CSeq: 1 ACK\n"
                + "Content-Length: 0\n\n", 5063);
    }

    @Test
    void replacesMatchingFollowsTheTableOfSection3() {
        carol.onIncomingCall(c -> {
            atCarol.add(c);
            if (c.callId().equals("r6")) {
                c.ring(); // an early dialog carol did not initiate
            } else {
                c.answer(null);
            }
        });
        assertThat(inviteWithReplaces("c0", "")).isEqualTo(200);
        SipResponse ok = peer.lastResponse();
        ackFromPeer(ok);
        h.settle();
        Call original = atCarol.get(0);
        assertThat(original.state()).isEqualTo(CallState.CONFIRMED);
        String carolsTag = ok.to().tag();
        String ids = "c0;to-tag=" + carolsTag + ";from-tag=p";

        assertThat(inviteWithReplaces("r1", "Replaces: nosuch;to-tag=a;from-tag=b\n")).as("no match").isEqualTo(481);
        assertThat(inviteWithReplaces("r2", "Replaces: c0;to-tag=p;from-tag=" + carolsTag + "\n"))
                .as("tags swapped: no match").isEqualTo(481);
        assertThat(inviteWithReplaces("r3", "Replaces: " + ids + ";early-only\n")).as("confirmed, early-only")
                .isEqualTo(486);
        assertThat(inviteWithReplaces("r4", "Replaces: " + ids + "\nReplaces: " + ids + "\n")).isEqualTo(400);
        assertThat(inviteWithReplaces("r5", "Replaces: c0;from-tag=p\n")).as("malformed").isEqualTo(400);
        assertThat(original.state()).as("left unchanged").isEqualTo(CallState.CONFIRMED);

        assertThat(inviteWithReplaces("r6", "")).as("rings").isZero();
        SipResponse ringing = peer.lastResponse();
        assertThat(ringing.status()).isEqualTo(180);
        assertThat(inviteWithReplaces("r7", "Replaces: r6;to-tag=" + ringing.to().tag() + ";from-tag=p\n"))
                .as("an early dialog carol did not initiate").isEqualTo(481);

        assertThat(inviteWithReplaces("r8", "Replaces: " + ids + "\n")).as("a match is answered").isEqualTo(200);
        Call replacing = atCarol.get(atCarol.size() - 1);
        assertThat(replacing.replaces()).isSameAs(original);
        SipResponse ok8 = peer.lastResponse();
        ackFromPeer(ok8);
        h.settle();
        assertThat(original.state()).isEqualTo(CallState.TERMINATED);
        assertThat(peer.received).anySatisfy(m -> assertThat(m instanceof SipRequest r && r.isMethod("BYE")
                && r.callId().equals("c0")).isTrue());
    }

    /** The peer calls bob (Call-ID {@code callId}), bob answers, the peer ACKs; returns bob's 200. */
    private SipResponse peerCallsBob(String callId) {
        bob.onIncomingCall(c -> {
            atBob.add(c);
            c.answer(null);
        });
        peer.send(("INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Length: 0\n\n"), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        peer.send(("ACK sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKa" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: " + ok.to() + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 ACK\n"
                + "Content-Length: 0\n\n"), 5062);
        h.settle();
        return ok;
    }

    private void referFromPeer(SipResponse ok, int cseq, String headers) {
        peer.received.clear();
        peer.send(("REFER sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKref" + cseq + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: " + ok.to() + "\n"
                + "Call-ID: " + ok.callId() + "\n"
                + "CSeq: " + cseq + " REFER\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + headers
                + "Content-Length: 0\n\n"), 5062);
        h.settle();
    }

    @Test
    void theRecipientNotifiesSipfragsWithTheReferCSeqAsIdAndHonoursReferSubFalse() {
        peer.onMessage = m -> {
            if (m instanceof SipRequest r && r.isMethod("NOTIFY")) {
                peer.send(io.callisto.sip.message.Messages.responseTo(r, 200), 5062);
            }
        };
        SipResponse ok = peerCallsBob("t1");
        List<IncomingRefer> refers = new ArrayList<>();
        atBob.get(0).onRefer(r -> {
            refers.add(r);
            r.accept();
        });

        referFromPeer(ok, 2, "");
        assertThat(peer.lastResponse().status()).as("RFC 3515 §2.4.1: Refer-To is mandatory").isEqualTo(400);
        referFromPeer(ok, 3, "Refer-To: <sip:carol@127.0.0.1:5063>\nRefer-To: <sip:dave@127.0.0.1:5064>\n");
        assertThat(peer.lastResponse().status()).isEqualTo(400);
        assertThat(refers).isEmpty();

        referFromPeer(ok, 4, "Refer-To: <sip:carol@127.0.0.1:5063>\n");
        assertThat(peer.received).anySatisfy(m -> assertThat(m instanceof SipResponse r && r.status() == 202).isTrue());
        SipRequest notify = peer.received.stream().filter(m -> m instanceof SipRequest r && r.isMethod("NOTIFY"))
                .map(m -> (SipRequest) m).findFirst().orElseThrow();
        assertThat(notify.header("Event")).isEqualTo("refer;id=4");
        assertThat(notify.header("Content-Type")).startsWith("message/sipfrag");
        assertThat(notify.bodyText()).isEqualTo("SIP/2.0 100 Trying\r\n");
        refers.get(0).progress(503, null);
        h.settle();
        SipRequest last = (SipRequest) peer.received.stream()
                .filter(m -> m instanceof SipRequest r && r.isMethod("NOTIFY")).reduce((a, b) -> b).orElseThrow();
        assertThat(last.header("Subscription-State")).isEqualTo("terminated;reason=noresource");
        assertThat(last.bodyText()).isEqualTo("SIP/2.0 503 Service Unavailable\r\n");

        referFromPeer(ok, 5, "Refer-To: <sip:carol@127.0.0.1:5063>\nRefer-Sub: false\n");
        SipResponse accepted = peer.lastResponse();
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Refer-Sub")).as("RFC 4488").isEqualTo("false");
        assertThat(peer.received).noneMatch(m -> m instanceof SipRequest r && r.isMethod("NOTIFY"));
        assertThat(atBob.get(0).state()).isEqualTo(CallState.CONFIRMED);
    }
}
