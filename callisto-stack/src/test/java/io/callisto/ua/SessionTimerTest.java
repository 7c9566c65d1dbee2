package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.SessionExpires;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Session timers (RFC 4028) between Callisto UAs and against a hand-driven peer, on the virtual clock. */
class SessionTimerTest {

    private static final Body OFFER = Body.sdp("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\n");
    private static final Body ANSWER = Body.sdp("v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\n");

    private final UaHarness h = new UaHarness();
    private final RawPeer peer = new RawPeer(h.net, 5070);

    private UserAgent ua(String user, int port, SessionTimers timers) {
        return h.ua(UserAgentConfig.builder("sip:" + user + "@127.0.0.1:" + port).sessionTimers(timers).build(), port);
    }

    // ------------------------------------------------------------------------------ two Callisto UAs

    @Test
    void theCalleeRefreshesByUpdateAtHalfTheIntervalAndTheCallOutlivesManyIntervals() {
        UserAgent alice = ua("alice", 5061, SessionTimers.of(120));
        UserAgent bob = ua("bob", 5062, SessionTimers.DEFAULT);
        List<CallEvent> bobEvents = new ArrayList<>();
        List<CallEvent> aliceEvents = new ArrayList<>();
        bob.onIncomingCall(c -> {
            c.addListener(bobEvents::add);
            c.answer(ANSWER);
        });
        Call call = alice.call("sip:bob@127.0.0.1:5062", OFFER);
        call.addListener(aliceEvents::add);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        SessionExpires se = call.invite().first(Headers.SESSION_EXPIRES);
        assertThat(se.seconds()).as("§7.1: the caller asks for its interval").isEqualTo(120);
        assertThat(se.refresher()).as("§7.1: the refresher is left to the negotiation").isNull();
        assertThat(call.invite().all(Headers.SUPPORTED)).contains("timer");

        h.run(10 * 120_000); // ten intervals
        assertThat(call.state()).as("refreshed in time, never expired").isEqualTo(CallState.CONFIRMED);
        long updates = bobEvents.stream().filter(e -> e.type() == CallEvent.Type.UPDATE_COMPLETED
                && e.status() == 200).count();
        assertThat(updates).as("§9 Table 2: the callee chose itself; a refresh every 60 s").isBetween(19L, 20L);
        assertThat(aliceEvents).filteredOn(e -> e.type() == CallEvent.Type.REFRESHED).hasSizeGreaterThanOrEqualTo(19);
        call.hangup();
        h.settle();
        assertThat(bob.activeCalls()).isZero();
    }

    @Test
    void withTimersOffNoHeaderIsSentAndNothingRefreshes() {
        UserAgent alice = ua("alice", 5061, SessionTimers.OFF);
        Call call = callPeer(alice, (invite) -> ok(invite));
        SipRequest invite = requests("INVITE").get(0);
        assertThat(invite.first(Headers.SESSION_EXPIRES)).isNull();
        assertThat(invite.all(Headers.SUPPORTED)).doesNotContain("timer");
        h.run(3_600_000);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(requests("INVITE")).hasSize(1);
        assertThat(requests("UPDATE")).isEmpty();
    }

    // ------------------------------------------------------------------------------ as the caller (§7)

    @Test
    void whenThePeerRefreshesButNeverDoesWeSendByeShortlyBeforeExpiry() {
        UserAgent alice = ua("alice", 5061, SessionTimers.DEFAULT);
        Call call = callPeer(alice, invite -> {
            SipResponse ok = ok(invite);
            ok.set(Headers.SESSION_EXPIRES, SessionExpires.of(300, "uas"));
            ok.setHeader("Require", "timer");
            return ok;
        });
        h.run(300_000 - 32_000 - 1);
        assertThat(requests("BYE")).isEmpty();
        h.run(2);
        assertThat(requests("BYE")).as("§10: min(32 s, 300/3) before expiry").hasSize(1);
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(call.ended().join().status()).isEqualTo(408);
        assertThat(call.ended().join().reason()).isEqualTo("session timer expired");
    }

    @Test
    void whenThePeerIgnoresTimersWeRefreshOurselvesByReInviteWithTheSameOffer() {
        UserAgent alice = ua("alice", 5061, SessionTimers.of(1800));
        Call call = callPeer(alice, this::ok); // no Session-Expires, no Allow: UPDATE
        h.run(900_000 - 1);
        assertThat(requests("INVITE")).hasSize(1);
        h.run(1);
        List<SipRequest> invites = requests("INVITE");
        assertThat(invites).as("§7.2: as if the 2xx said refresher=uac; refresh at half the interval").hasSize(2);
        SipRequest refresh = invites.get(1);
        assertThat(refresh.to().tag()).isEqualTo("p");
        assertThat(refresh.bodyText()).as("§7.4: an unchanged offer").isEqualTo(OFFER.text());
        SessionExpires se = refresh.first(Headers.SESSION_EXPIRES);
        assertThat(se.seconds()).isEqualTo(1800);
        assertThat(se.refresher()).as("§7.4: we keep refreshing").isEqualTo("uac");
        h.run(5_000_000);
        assertThat(call.state()).as("each re-INVITE answered 200 keeps the call").isEqualTo(CallState.CONFIRMED);
        assertThat(requests("BYE")).isEmpty();
    }

    @Test
    void aRefreshByUpdateWhenThePeerAllowsIt() {
        UserAgent alice = ua("alice", 5061, SessionTimers.DEFAULT);
        callPeer(alice, invite -> {
            SipResponse ok = ok(invite);
            ok.setHeader("Allow", "INVITE, ACK, BYE, CANCEL, UPDATE");
            ok.set(Headers.SESSION_EXPIRES, SessionExpires.of(600, "uac"));
            ok.setHeader("Require", "timer");
            return ok;
        });
        h.run(300_000);
        assertThat(requests("UPDATE")).hasSize(1);
        SipRequest update = requests("UPDATE").get(0);
        assertThat(update.bodyLength()).as("§7.4: an UPDATE refresh carries no offer").isZero();
        assertThat(update.first(Headers.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(600, "uac"));
        assertThat(requests("INVITE")).hasSize(1);
    }

    @Test
    void a422MakesTheInviteGoAgainWithTheLargerInterval() {
        UserAgent alice = ua("alice", 5061, SessionTimers.DEFAULT);
        int[] n = {0};
        Call call = callPeer(alice, invite -> {
            if (n[0]++ == 0) {
                SipResponse tooSmall = Messages.responseTo(invite, 422, "Session Interval Too Small", "p");
                tooSmall.setHeader("Min-SE", "3600");
                return tooSmall;
            }
            return ok(invite);
        });
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        List<SipRequest> invites = requests("INVITE");
        assertThat(invites).hasSize(2);
        SipRequest again = invites.get(1);
        assertThat(again.cseq().number()).as("§7.3: one higher").isEqualTo(invites.get(0).cseq().number() + 1);
        assertThat(again.callId()).isEqualTo(invites.get(0).callId());
        assertThat(again.first(Headers.SESSION_EXPIRES).seconds()).isEqualTo(3600);
        assertThat(again.first(Headers.MIN_SE).seconds()).as("§7.4").isEqualTo(3600);
    }

    // ------------------------------------------------------------------------------ as the callee (§9)

    @Test
    void aSessionIntervalBelowOurMinimumGets422WithOurMinSe() {
        UserAgent bob = ua("bob", 5062, new SessionTimers(true, 1800, 300));
        List<Call> calls = new ArrayList<>();
        bob.onIncomingCall(calls::add);
        peer.send(invite("st-1", "Supported: timer\nSession-Expires: 200\n"), 5062);
        h.settle();
        SipResponse r = peer.lastResponse();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.first(Headers.MIN_SE).seconds()).isEqualTo(300);
        assertThat(calls).as("no call reaches the application").isEmpty();
    }

    @Test
    void table2WithACallerThatDoesNotSupportTimersWeRefreshAndRequireNothing() {
        UserAgent bob = ua("bob", 5062, SessionTimers.of(600));
        bob.onIncomingCall(c -> c.answer(ANSWER));
        peer.send(invite("st-2", ""), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.first(Headers.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(600, "uas"));
        assertThat(ok.all(Headers.REQUIRE)).doesNotContain("timer");
        ack(ok, "st-2");
        h.run(300_000);
        List<SipRequest> refreshes = requests("INVITE");
        assertThat(refreshes).as("the caller did not list UPDATE in Allow: a re-INVITE").hasSize(1);
        assertThat(refreshes.get(0).first(Headers.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(600, "uac"));
    }

    @Test
    void table2TheCallersChoiceOfRefresherStandsAndWeByeWhenItDoesNotRefresh() {
        UserAgent bob = ua("bob", 5062, SessionTimers.DEFAULT);
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.answer(ANSWER);
        });
        peer.send(invite("st-3", "Supported: timer\nSession-Expires: 90;refresher=uac\nMin-SE: 90\n"), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        assertThat(ok.first(Headers.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(90, "uac"));
        assertThat(ok.all(Headers.REQUIRE)).as("§9: MUST with refresher=uac").contains("timer");
        ack(ok, "st-3");
        h.run(90_000 - 30_000 - 1);
        assertThat(requests("BYE")).isEmpty();
        h.run(1);
        assertThat(requests("BYE")).as("§10: min(32 s, 90/3 = 30 s) before expiry").hasSize(1);
        assertThat(incoming[0].state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void aRefreshFromTheCallerRestartsTheExpiry() {
        UserAgent bob = ua("bob", 5062, SessionTimers.DEFAULT);
        bob.onIncomingCall(c -> c.answer(ANSWER));
        peer.send(invite("st-4", "Supported: timer\nSession-Expires: 120;refresher=uac\n"), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        ack(ok, "st-4");
        for (int i = 0; i < 5; i++) {
            h.run(60_000);
            peer.send(inDialog("UPDATE", "st-4", ok.to().tag(), 2 + i, "Session-Expires: 120;refresher=uac\n"), 5062);
            h.settle();
            SipResponse r = peer.lastResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.first(Headers.SESSION_EXPIRES)).isEqualTo(SessionExpires.of(120, "uac"));
        }
        assertThat(requests("BYE")).as("five minutes, well past one interval").isEmpty();
        h.run(120_000);
        assertThat(requests("BYE").stream().map(b -> b.topVia().branch()).distinct())
                .as("refreshes stopped: the session expires (one BYE, retransmitted while unanswered)").hasSize(1);
    }

    @Test
    void aRefreshBelowOurMinimumInTheDialogGets422AndTheCallGoesOn() {
        UserAgent bob = ua("bob", 5062, new SessionTimers(true, 1800, 600));
        Call[] incoming = new Call[1];
        bob.onIncomingCall(c -> {
            incoming[0] = c;
            c.answer(ANSWER);
        });
        peer.send(invite("st-5", "Supported: timer\n"), 5062);
        h.settle();
        SipResponse ok = peer.lastResponse();
        ack(ok, "st-5");
        peer.send(inDialog("UPDATE", "st-5", ok.to().tag(), 2, "Session-Expires: 100\n"), 5062);
        h.settle();
        SipResponse r = peer.lastResponse();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.first(Headers.MIN_SE).seconds()).isEqualTo(600);
        assertThat(incoming[0].state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void requireTimerIsRefusedWith420WhenTimersAreOff() {
        UserAgent bob = ua("bob", 5062, SessionTimers.OFF);
        bob.onIncomingCall(c -> c.answer(ANSWER));
        peer.send(invite("st-6", "Require: timer\nSession-Expires: 1800\n"), 5062);
        h.settle();
        SipResponse r = peer.lastResponse();
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.header("Unsupported")).isEqualTo("timer");
    }

    // ------------------------------------------------------------------------------ helpers

    /** alice calls the raw peer, which answers every INVITE with {@code answer} (and re-INVITEs/UPDATEs 200). */
    private Call callPeer(UserAgent alice, java.util.function.Function<SipRequest, SipResponse> answer) {
        Consumer<io.callisto.sip.message.SipMessage> handler = m -> {
            if (m instanceof SipRequest r) {
                if (r.isMethod("INVITE") && r.to().tag() == null) {
                    peer.send(answer.apply(r), 5061);
                } else if (!r.isMethod("ACK")) {
                    peer.send(ok(r), 5061);
                }
            }
        };
        peer.onMessage = handler;
        Call call = alice.call("sip:peer@127.0.0.1:5070", OFFER);
        h.settle();
        return call;
    }

    private SipResponse ok(SipRequest r) {
        SipResponse ok = Messages.responseTo(r, 200, null, r.to().tag() == null ? "p" : null);
        ok.set(Headers.CONTACT, NameAddress.parse("<sip:peer@127.0.0.1:5070>"));
        return ok;
    }

    private List<SipRequest> requests(String method) {
        return peer.received.stream().filter(m -> m instanceof SipRequest r && r.isMethod(method))
                .map(m -> (SipRequest) m).toList();
    }

    private static String invite(String callId, String extra) {
        return "INVITE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + extra
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + OFFER.bytes().length + "\n\n" + OFFER.text();
    }

    private static String inDialog(String method, String callId, String toTag, long cseq, String extra) {
        return method + " sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + callId + method + cseq + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + toTag + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Supported: timer\n"
                + extra
                + "Content-Length: 0\n\n";
    }

    private void ack(SipResponse ok, String callId) {
        peer.send("ACK sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKack" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>;tag=" + ok.to().tag() + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 ACK\n"
                + "Content-Length: 0\n\n", 5062);
        h.settle();
    }
}
