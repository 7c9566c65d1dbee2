package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.SubscriptionState;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE/NOTIFY (RFC 6665) between Callisto UAs and against a hand-driven peer, on the virtual clock. */
class SubscriptionTest {

    private static final Body OPEN = Body.of("application/pidf+xml", "<basic>open</basic>");
    private static final Body CLOSED = Body.of("application/pidf+xml", "<basic>closed</basic>");

    private final UaHarness h = new UaHarness();
    private final UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
    private final UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
    private final List<IncomingSubscription> atBob = new ArrayList<>();

    private Subscription subscribe(int expires, List<Notification> notes) {
        Subscription s = alice.subscribe("sip:bob@127.0.0.1:5062", "presence", "application/pidf+xml", expires);
        s.addListener(notes::add);
        h.settle();
        return s;
    }

    private void bobAccepts() {
        bob.onSubscribe("presence", s -> {
            atBob.add(s);
            s.accept(OPEN);
        });
    }

    @Test
    void theInitialNotifyCarriesTheStateAndLaterNotifiesFollowUntilTheNotifierTerminates() {
        bobAccepts();
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(600, notes);

        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).body()).as("§4.2.1.2: the initial NOTIFY").isEqualTo(OPEN);
        assertThat(notes.get(0).state().isActive()).isTrue();
        assertThat(s.expires()).isBetween(590L, 600L);
        assertThat(atBob.get(0).requestedExpires()).isEqualTo(600);
        assertThat(atBob.get(0).state()).isEqualTo(IncomingSubscription.State.ACTIVE);

        atBob.get(0).notify(CLOSED, Subscription.State.ACTIVE);
        h.settle();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(1).body()).isEqualTo(CLOSED);

        atBob.get(0).terminate("noresource");
        h.settle();
        assertThat(notes).hasSize(3);
        assertThat(notes.get(2).state().isTerminated()).isTrue();
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("noresource");
        assertThat(s.terminated()).isCompleted();
        assertThat(atBob.get(0).terminated().join()).isEqualTo("noresource");
        assertThat(alice.activeDialogs()).isZero();
        assertThat(bob.activeDialogs()).isZero();
    }

    @Test
    void theSubscriberRefreshesBeforeExpiryAndTheSubscriptionOutlivesItsFirstGrant() {
        bobAccepts();
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(120, notes);
        long subscribes = h.net.count("SUBSCRIBE");

        h.run(100_000); // refreshed at 60 s (half of a short grant)
        assertThat(h.net.count("SUBSCRIBE")).as("a refresh went out").isGreaterThan(subscribes);
        assertThat(notes.size()).as("§4.2.1.2: each refresh brings a NOTIFY").isGreaterThanOrEqualTo(2);
        h.run(400_000);
        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(atBob.get(0).state()).isEqualTo(IncomingSubscription.State.ACTIVE);
    }

    @Test
    void unsubscribingEndsWithANotifyTerminatedTimeout() {
        bobAccepts();
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(600, notes);
        s.unsubscribe();
        h.settle();
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("timeout");
        assertThat(notes.get(notes.size() - 1).body()).as("the last state comes with it").isEqualTo(OPEN);
        assertThat(atBob.get(0).terminated().join()).isEqualTo("timeout");
        assertThat(alice.activeDialogs()).isZero();
        assertThat(bob.activeDialogs()).isZero();
    }

    @Test
    void aFetchWithExpiresZeroGetsOneNotifyAndEnds() {
        bobAccepts();
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(0, notes);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).body()).isEqualTo(OPEN);
        assertThat(notes.get(0).state().isTerminated()).isTrue();
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("timeout");
    }

    @Test
    void anUnknownEventGets489WithAllowEvents() {
        bob.onSubscribe("dialog", s -> s.accept(null));
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(600, notes);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("489");
        assertThat(notes).isEmpty();
        peer.send(rawSubscribe("sub-489", "presence", 60), 5062);
        h.settle();
        assertThat(lastResponse("SUBSCRIBE").status()).isEqualTo(489);
        assertThat(lastResponse("SUBSCRIBE").header("Allow-Events")).isEqualTo("dialog");
    }

    @Test
    void aRejectedSubscriptionEndsWithTheStatus() {
        bob.onSubscribe("presence", s -> s.reject(403, "Forbidden"));
        Subscription s = subscribe(600, new ArrayList<>());
        assertThat(s.reason()).isEqualTo("403");
        assertThat(bob.activeDialogs()).isZero();
    }

    @Test
    void aPendingSubscriptionBecomesActiveWithTheNextNotify() {
        bob.onSubscribe("presence", s -> {
            atBob.add(s);
            s.acceptPending(null);
        });
        List<Notification> notes = new ArrayList<>();
        Subscription s = subscribe(600, notes);
        assertThat(s.state()).isEqualTo(Subscription.State.PENDING);
        assertThat(h.net.wire).anySatisfy(w -> assertThat(w).startsWith("SIP/2.0 202"));
        atBob.get(0).notify(OPEN, Subscription.State.ACTIVE);
        h.settle();
        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(notes.get(1).body()).isEqualTo(OPEN);
    }

    // ------------------------------------------------------------------------------ against a raw peer

    private final RawPeer peer = new RawPeer(h.net, 5070);

    private List<SipRequest> requests(String method) {
        return peer.received.stream().filter(m -> m instanceof SipRequest r && r.isMethod(method))
                .map(m -> (SipRequest) m).toList();
    }

    private static String notify(SipRequest subscribe, String tag, int cseq, String state, String body) {
        return "NOTIFY sip:alice@127.0.0.1:5061 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKn" + tag + cseq + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=" + tag + "\n"
                + "To: " + subscribe.from() + "\n"
                + "Call-ID: " + subscribe.callId() + "\n"
                + "CSeq: " + cseq + " NOTIFY\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Event: presence\n"
                + "Subscription-State: " + state + "\n"
                + "Content-Type: text/plain\n"
                + "Content-Length: " + body.length() + "\n\n" + body;
    }

    private SipResponse lastResponse(String method) {
        SipResponse last = null;
        for (SipMessage m : peer.received) {
            if (m instanceof SipResponse r && r.cseq().method().equals(method)) {
                last = r;
            }
        }
        return last;
    }

    @Test
    void notifiesFromTwoForksBeforeThe2xxMakeTwoSubscriptions() {
        List<Notification> notes = new ArrayList<>();
        List<Subscription> forks = new ArrayList<>();
        Subscription s = alice.subscribe("sip:peer@127.0.0.1:5070", "presence", null, 600);
        s.addListener(notes::add);
        s.onFork(f -> {
            forks.add(f);
            f.addListener(notes::add);
        });
        h.settle();
        SipRequest sub = requests("SUBSCRIBE").get(0);

        peer.send(notify(sub, "a", 1, "active;expires=600", "from a"), 5061);
        h.settle();
        assertThat(lastResponse("NOTIFY").status()).as("§4.1.2.4: a NOTIFY before the 2xx is accepted").isEqualTo(200);
        peer.send(notify(sub, "b", 1, "pending;expires=600", "from b"), 5061);
        h.settle();
        assertThat(lastResponse("NOTIFY").status()).as("§4.1.3: another fork").isEqualTo(200);
        SipResponse ok = Messages.responseTo(sub, 200, null, "a");
        ok.set(Headers.EXPIRES, 600L);
        peer.send(ok, 5061);
        h.settle();

        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(forks).hasSize(1);
        assertThat(forks.get(0).state()).isEqualTo(Subscription.State.PENDING);
        assertThat(notes).extracting(n -> n.body().text()).containsExactly("from a", "from b");
        assertThat(alice.activeDialogs()).isEqualTo(2);

        peer.send(notify(sub, "b", 2, "terminated;reason=rejected", "bye"), 5061);
        h.settle();
        assertThat(forks.get(0).state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(forks.get(0).reason()).isEqualTo("rejected");
        assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
        assertThat(alice.activeDialogs()).isEqualTo(1);
    }

    @Test
    void aNotifyForNoSubscriptionGets481AndOneWithoutSubscriptionStateGets400() {
        Subscription s = alice.subscribe("sip:peer@127.0.0.1:5070", "presence", null, 600);
        h.settle();
        SipRequest sub = requests("SUBSCRIBE").get(0);
        peer.send(notify(sub, "a", 1, "active", "x").replace("To: " + sub.from(), "To: <sip:alice@x>;tag=nosuch"),
                5061);
        h.settle();
        assertThat(lastResponse("NOTIFY").status()).isEqualTo(481);
        peer.send(notify(sub, "a", 1, "active", "x").replace("Event: presence", "Event: dialog"), 5061);
        h.settle();
        assertThat(lastResponse("NOTIFY").status()).as("another event package").isEqualTo(481);

        peer.send(Messages.responseTo(sub, 200, null, "a"), 5061);
        h.settle();
        peer.send(notify(sub, "a", 2, "active", "x").replace("Subscription-State: active\n", ""), 5061);
        h.settle();
        assertThat(lastResponse("NOTIFY").status()).isEqualTo(400);
        assertThat(s.state()).isEqualTo(Subscription.State.PENDING);
    }

    @Test
    void withoutANotifyWithin64T1AfterThe2xxTheSubscriptionFails() {
        Subscription s = alice.subscribe("sip:peer@127.0.0.1:5070", "presence", null, 600);
        h.settle();
        peer.send(Messages.responseTo(requests("SUBSCRIBE").get(0), 200, null, "a"), 5061);
        h.settle();
        h.run(33_000);
        assertThat(s.state()).isEqualTo(Subscription.State.TERMINATED);
        assertThat(s.reason()).isEqualTo("no NOTIFY");
        assertThat(alice.activeDialogs()).isZero();
    }

    @Test
    void theNotifierEndsAnUnrefreshedSubscriptionWithTerminatedTimeout() {
        bob.onSubscribe("presence", s -> s.accept(OPEN));
        peer.onMessage = m -> {
            if (m instanceof SipRequest r && r.isMethod("NOTIFY")) {
                peer.send(Messages.responseTo(r, 200), 5062);
            }
        };
        peer.send(rawSubscribe("sub-1", "presence", 60), 5062);
        h.settle();
        assertThat(lastResponse("SUBSCRIBE").status()).isEqualTo(200);
        assertThat(lastResponse("SUBSCRIBE").first(Headers.EXPIRES)).isEqualTo(60L);
        assertThat(requests("NOTIFY")).hasSize(1);
        h.run(61_000);
        List<SipRequest> notifies = requests("NOTIFY");
        SubscriptionState last = notifies.get(notifies.size() - 1).first(Headers.SUBSCRIPTION_STATE);
        assertThat(last.isTerminated()).isTrue();
        assertThat(last.reason()).isEqualTo("timeout");
        assertThat(bob.activeDialogs()).isZero();
    }

    private static String rawSubscribe(String callId, String event, int expires) {
        return "SUBSCRIBE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" + callId + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 SUBSCRIBE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Event: " + event + "\n"
                + "Expires: " + expires + "\n"
                + "Content-Length: 0\n\n";
    }

    @Test
    void aSubscribeWithoutEventGets400() {
        peer.send("SUBSCRIBE sip:bob@127.0.0.1:5062 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKs2\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:peer@127.0.0.1:5070>;tag=p\n"
                + "To: <sip:bob@127.0.0.1:5062>\n"
                + "Call-ID: sub-2\n"
                + "CSeq: 1 SUBSCRIBE\n"
                + "Contact: <sip:peer@127.0.0.1:5070>\n"
                + "Content-Length: 0\n\n", 5062);
        h.settle();
        assertThat(lastResponse("SUBSCRIBE").status()).isEqualTo(400);
    }
}
