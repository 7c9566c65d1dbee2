package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the UA core answers by itself (§8.2, §12.2.2), MESSAGE, OPTIONS, and forked answers (§13.2.2.4). */
class UaCoreTest {

    private final UaHarness h = new UaHarness();
    private final UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
    private final RawPeer peer = new RawPeer(h.net, 5070);

    private static String request(String method, String branch, String toTag, long cseq, String extra) {
        return method + " sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + branch + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p1\n"
                + "To: <sip:bob@127.0.0.1:5062>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: raw-" + branch + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + extra
                + "Content-Length: 0\n\n";
    }

    private SipResponse ask(String text) {
        peer.send(text, 5062);
        h.settle();
        return peer.lastResponse();
    }

    @Test
    void byeForAnUnknownDialogIs481() {
        assertThat(ask(request("BYE", "b1", "nosuch", 2, "")).status()).isEqualTo(481);
    }

    @Test
    void infoOutsideADialogIs481() {
        assertThat(ask(request("INFO", "i1", null, 2, "")).status()).isEqualTo(481);
    }

    @Test
    void unknownMethodIs501AndRegisterIs405WithAllow() {
        assertThat(ask(request("FOO", "f1", null, 1, "")).status()).isEqualTo(501);
        SipResponse r = ask(request("REGISTER", "r1", null, 1, ""));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("INVITE").contains("MESSAGE");
    }

    @Test
    void unsupportedRequireIs420WithUnsupported() {
        SipResponse r = ask(request("OPTIONS", "o2", null, 1, "Require: foo\n"));
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.header("Unsupported")).isEqualTo("foo");
    }

    @Test
    void optionsIs200WithAllowAndAToTag() {
        SipResponse r = ask(request("OPTIONS", "o1", null, 1, ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).contains("OPTIONS");
        assertThat(r.to().tag()).isNotNull();
    }

    @Test
    void outOfOrderCSeqInADialogIs500() {
        bob.onIncomingCall(c -> c.answer(null));
        SipResponse ok = ask(request("INVITE", "inv", null, 10, ""));
        assertThat(ok.status()).isEqualTo(200);
        String tag = ok.to().tag();
        String ack = request("ACK", "ack", tag, 10, "").replace("raw-ack", "raw-inv");
        peer.send(ack, 5062);
        h.settle();
        String info = request("INFO", "i9", tag, 5, "").replace("raw-i9", "raw-inv");
        assertThat(ask(info).status()).isEqualTo(500);
        String info2 = request("INFO", "i10", tag, 11, "").replace("raw-i10", "raw-inv");
        assertThat(ask(info2).status()).isEqualTo(200);
    }

    @Test
    void dialogEstablishingResponsesCarryTheRecordRouteOfTheInvite() {
        bob.onIncomingCall(c -> {
            c.ring();
            c.answer(null);
        });
        String rr = "Record-Route: <sip:p2.example.com;lr>\nRecord-Route: <sip:p1.example.com;lr>, "
                + "<sip:p0.example.com;lr>\n";
        peer.send(request("INVITE", "rr1", null, 1, rr), 5062);
        h.settle();
        List<SipResponse> got = peer.received.stream().filter(m -> m instanceof SipResponse)
                .map(m -> (SipResponse) m).toList();
        SipResponse ringing = got.stream().filter(r -> r.status() == 180).findFirst().orElseThrow();
        SipResponse ok = got.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        for (SipResponse r : List.of(ringing, ok)) {
            assertThat(r.recordRoutes()).as("§12.1.1: copied in order")
                    .extracting(na -> na.uri().toString())
                    .containsExactly("sip:p2.example.com;lr", "sip:p1.example.com;lr", "sip:p0.example.com;lr");
        }
        assertThat(ask(request("OPTIONS", "o1", null, 1, rr)).recordRoutes()).as("not outside a dialog").isEmpty();
    }

    @Test
    void messageBothWays() {
        List<IncomingMessage> got = new ArrayList<>();
        bob.onMessage(got::add);
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        CompletableFuture<SipResponse> r = alice.sendMessage("sip:bob@127.0.0.1:5062", "hello bob");
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).body().text()).isEqualTo("hello bob");
        assertThat(got.get(0).from().toString()).isEqualTo("sip:alice@127.0.0.1:5061");
    }

    @Test
    void optionsPing() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        CompletableFuture<SipResponse> r = alice.options("sip:bob@127.0.0.1:5062");
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
    }

    @Test
    void secondTwoHundredFromAnotherForkIsAckedAndByed() {
        UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
        // The raw peer plays a forking proxy: 180 and 200 from two UAs (To tags A and B).
        peer.onMessage = m -> {
            if (m instanceof SipRequest req && req.isMethod("INVITE")) {
                for (String tag : List.of("A", "B")) {
                    SipResponse ringing = Messages.responseTo(req, 180, null, tag);
                    peer.send(ringing, 5061);
                }
                for (String tag : List.of("A", "B")) {
                    SipResponse ok = Messages.responseTo(req, 200, null, tag);
                    ok.set(Headers.CONTACT, NameAddress.parse("<sip:ua" + tag + "@127.0.0.1:5070>"));
                    peer.send(ok, 5061);
                }
            } else if (m instanceof SipRequest req && req.isMethod("BYE")) {
                peer.send(Messages.responseTo(req, 200), 5061);
            }
        };
        Call call = alice.call("sip:bob@127.0.0.1:5070", null);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        List<String> acksTo = new ArrayList<>();
        List<String> byesTo = new ArrayList<>();
        for (SipMessage m : peer.received) {
            if (m instanceof SipRequest req && req.isMethod("ACK")) {
                acksTo.add(req.to().tag() + " " + req.requestUriText());
            } else if (m instanceof SipRequest req && req.isMethod("BYE")) {
                byesTo.add(req.to().tag() + " " + req.requestUriText());
            }
        }
        assertThat(acksTo).containsExactly("A sip:uaA@127.0.0.1:5070", "B sip:uaB@127.0.0.1:5070");
        assertThat(byesTo).containsExactly("B sip:uaB@127.0.0.1:5070");
        assertThat(alice.activeDialogs()).isEqualTo(1);
    }
}
