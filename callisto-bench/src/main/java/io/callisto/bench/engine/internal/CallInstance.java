package io.callisto.bench.engine.internal;

import io.callisto.bench.engine.Metrics;
import io.callisto.bench.scenario.Keyword;
import io.callisto.bench.scenario.Scenario;
import io.callisto.bench.scenario.Step;
import io.callisto.bench.scenario.Template;
import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One call: runs the scenario's steps for one Call-ID, on the owner of that Call-ID (so it needs no locks).
 *
 * <p>Receiving follows SIPp: a message is matched against the current {@code <recv>} step and, while steps are
 * optional, the ones after it; a response must also belong to the last request sent (CSeq method). A message
 * that matches a step already passed is the peer retransmitting: the message this call sent after that step is
 * sent again (a retransmitted 200 gets the ACK again) and nothing is counted as unexpected. Anything else is
 * unexpected and fails the call (with the status code as reason for a final response, which is ACKed when it
 * answers an INVITE).
 *
 * <p>Retransmission over UDP: a {@code <send retrans="T1">} is sent again after T1, 2·T1, … (capped at 4 s except
 * for an INVITE) until a message of the call is received; without a final response (or, for a response sent, a
 * request) within 64·T1 the call fails with {@code timeout}.
 */
public final class CallInstance implements Template.Resolver, SendListener {

    final CallHost host;
    private final Scenario scenario;
    final Owner owner;
    final String callId;
    final long number;
    final Destination destination;
    final InetSocketAddress local;
    final String[] fields;
    private final String[] receivedMethod;
    private final long[] receivedCseq;
    private final SipMessage[] sentAt;
    private final byte[][] sentBytes;
    String localHost;
    String remoteHost;
    private int index;
    int cseq;
    int sends;
    SipMessage last;
    String peerTag;
    String routes;
    String contactUri;
    private String lastRequestMethod;
    private long lastRequestNanos;
    private long inviteNanos = -1;
    private boolean provisionalSeen;
    private boolean inviteFinalReceived;
    private java.util.Map<String, Long> rtdStarts;
    private final Retransmission retransmission = new Retransmission(this);
    private Cancellable txTimer;
    private Cancellable waitTimer;
    private boolean ended;
    /** The call's RTP session with {@code --rtp} (null until opened, and without). */
    MediaLeg media;
    private boolean mediaPending;

    /**
     * A call.
     *
     * @param host        the run
     * @param callId      its Call-ID
     * @param number      its call number (from 1)
     * @param destination where its messages go
     * @param local       the local address its messages leave from
     */
    public CallInstance(CallHost host, String callId, long number, Destination destination, InetSocketAddress local) {
        this.host = host;
        this.scenario = host.scenario();
        this.owner = host.owner(callId);
        this.callId = callId;
        this.number = number;
        this.destination = destination;
        this.local = local;
        this.fields = host.config().injection() == null ? new String[0] : host.config().injection().row(number);
        this.receivedMethod = new String[scenario.steps().size()];
        this.receivedCseq = new long[scenario.steps().size()];
        this.sentAt = new SipMessage[scenario.steps().size()];
        this.sentBytes = new byte[scenario.steps().size()][];
    }

    /** The Call-ID. */
    public String callId() {
        return callId;
    }

    /** True once the call succeeded or failed (it may still linger to answer retransmissions). */
    public boolean ended() {
        return ended;
    }

    /** Starts a client call: counts it and runs its first steps. Owner thread only. */
    public void start() {
        host.tables()[host.ownerIndex(callId)].put(callId, this);
        host.metrics().callStarted();
        if (host.media() != null) {
            openMedia(this::advance);
        } else {
            advance();
        }
    }

    /** Opens the call's RTP session (its port goes into the SDP), then runs {@code then}; owner thread only. */
    private void openMedia(Runnable then) {
        mediaPending = true;
        host.media().open().whenComplete((leg, e) -> owner.execute(() -> {
            mediaPending = false;
            if (e != null) {
                host.media().tell("cannot open an RTP session: " + e.getMessage());
                fail("media");
            } else if (ended) {
                leg.stop();
            } else {
                media = leg;
                then.run();
            }
        }));
    }

    /** Starts a server call with the request that created it (which matched the first step). Owner thread only. */
    public void startWith(SipMessage first) {
        host.tables()[host.ownerIndex(callId)].put(callId, this);
        host.metrics().callStarted();
        if (host.media() != null) {
            openMedia(() -> onMessage(first));
        } else {
            onMessage(first);
        }
    }

    /** Handles a message of this call. Owner thread only. */
    public void onMessage(SipMessage m) {
        if (mediaPending) {
            return; // a retransmission of the first request while the RTP session opens: it is being handled
        }
        boolean request = m.isRequest();
        int status = request ? 0 : ((SipResponse) m).status();
        String method = request ? ((SipRequest) m).method() : null;
        String cseqMethod = m.cseq() == null ? null : m.cseq().method();
        if (!ended) {
            int n = scenario.steps().size();
            for (int i = index; i < n; i++) {
                if (!(scenario.steps().get(i) instanceof Step.Recv r)) {
                    break;
                }
                if (r.matches(request, status, method)
                        && (request || lastRequestMethod == null || lastRequestMethod.equals(cseqMethod))) {
                    received(i, r, m, request, status, cseqMethod);
                    return;
                }
                if (!r.optional()) {
                    break;
                }
            }
        }
        for (int j = Math.min(index, receivedMethod.length) - 1; j >= 0; j--) {
            if (receivedMethod[j] != null && scenario.steps().get(j) instanceof Step.Recv r
                    && r.matches(request, status, method) && receivedMethod[j].equals(cseqMethod)
                    && receivedCseq[j] == (m.cseq() == null ? -1 : m.cseq().number())) {
                // the same CSeq: a retransmission (a 401 to the REGISTER with credentials is a new answer)
                int again = answerTo(j, m.cseq() == null ? -1 : m.cseq().number());
                if (again >= 0) {
                    host.metrics().retransmitted();
                    host.wire().send(sentAt[again], sentBytes[again], destination, this);
                }
                return; // nothing of that transaction sent since: the peer's retransmission needs no answer
            }
        }
        if (!request && status < 200 && inviteFinalReceived && "INVITE".equals(cseqMethod)) {
            // a 1xx overtaken by the final response (a proxy with several workers may forward them out of order
            // over UDP): the INVITE transaction is over (RFC 3261 17.1.1.2), the 1xx carries nothing; SIPp fails it
            return;
        }
        host.metrics().unexpected();
        if (ended) {
            return;
        }
        if (!request && status >= 300 && "INVITE".equals(cseqMethod) && firstInvite() != null) {
            SipRequest ack = Messages.ackFor(firstInvite(), (SipResponse) m);
            host.wire().send(ack, ack.toBytes(), destination, this);
        }
        fail(!request && status >= 300 ? Integer.toString(status) : "unexpected");
    }

    /**
     * What to send again when the peer repeats the message received at step {@code j}: the step of the latest
     * message sent after that step with the same CSeq number (the last response to a repeated request, the ACK
     * for a repeated 2xx), or -1.
     */
    private int answerTo(int j, long cseqNumber) {
        int found = -1;
        for (int k = j + 1; k < sentAt.length; k++) {
            SipMessage s = sentAt[k];
            if (s != null && s.cseq() != null && s.cseq().number() == cseqNumber) {
                found = k;
            }
        }
        return found;
    }

    private SipRequest firstInvite() {
        for (SipMessage s : sentAt) {
            if (s instanceof SipRequest r && r.isMethod("INVITE")) {
                return r;
            }
        }
        return null;
    }

    private void received(int i, Step.Recv r, SipMessage m, boolean request, int status, String cseqMethod) {
        long now = host.clock().nanoTime();
        cancelRetransmission();
        cancel(waitTimer);
        waitTimer = null;
        if (request || status >= 200) {
            cancel(txTimer);
            txTimer = null;
        }
        receivedMethod[i] = cseqMethod == null ? "" : cseqMethod;
        receivedCseq[i] = m.cseq() == null ? -1 : m.cseq().number();
        last = m;
        remember(m, request, status);
        if (media != null) {
            mediaOnReceive(m, request, status, cseqMethod);
        }
        Metrics metrics = host.metrics();
        if (request) {
            if (((SipRequest) m).isMethod("INVITE") && inviteNanos < 0) {
                inviteNanos = now;
            }
        } else if ("INVITE".equals(cseqMethod)) {
            inviteProgress(status, now);
            inviteFinalReceived |= status >= 200;
        }
        if (!request && status >= 200 && lastRequestNanos > 0 && lastRequestMethod != null) {
            metrics.record(Metrics.RESPONSE_TIME + lastRequestMethod, now - lastRequestNanos);
            lastRequestNanos = 0;
        }
        timers(r.common(), now);
        index = following(i, r.common());
        advance();
    }

    /**
     * RTP on a received message: the peer's SDP (an INVITE's offer, an answer in a 1xx/2xx to our INVITE); the
     * media starts with a 2xx to the INVITE and stops with a BYE.
     */
    private void mediaOnReceive(SipMessage m, boolean request, int status, String cseqMethod) {
        boolean invite = "INVITE".equals(cseqMethod);
        if (invite && m.bodyLength() > 0 && (request || status < 300)) {
            media.peerDescription(m.body(), request);
        }
        if (!request && invite && status >= 200 && status < 300) {
            media.start();
        } else if (request && ((SipRequest) m).isMethod("BYE")) {
            media.stop();
        }
    }

    /** A response to the INVITE (received by a client, sent by a server): post-dial delay, answer delay. */
    private void inviteProgress(int status, long now) {
        if (inviteNanos < 0) {
            return;
        }
        if ((status == 180 || status == 183) && !provisionalSeen) {
            provisionalSeen = true;
            host.metrics().record(Metrics.POST_DIAL_DELAY, now - inviteNanos);
        } else if (status >= 200 && status < 300) {
            host.metrics().record(Metrics.ANSWER_DELAY, now - inviteNanos);
            inviteNanos = Long.MIN_VALUE / 2;
        }
    }

    private void remember(SipMessage m, boolean request, int status) {
        try {
            if (host.usesPeerTag()) {
                var peer = request ? m.from() : m.to();
                String tag = peer == null ? null : peer.tag();
                if (tag != null) {
                    peerTag = tag;
                }
            }
            if (host.usesNextUrl() && (request || status < 300)) {
                var contacts = m.contacts();
                if (!contacts.isEmpty() && !contacts.get(0).isWildcard()) {
                    contactUri = contacts.get(0).uriText();
                }
            }
            if (host.usesRoutes() && (!request && status < 300 || request)) {
                var rr = m.headers("Record-Route");
                if (!rr.isEmpty() && (request ? ((SipRequest) m).isMethod("INVITE") : status >= 180)) {
                    java.util.List<String> set = new java.util.ArrayList<>(rr);
                    if (!request) {
                        java.util.Collections.reverse(set);
                    }
                    routes = "Route: " + String.join(", ", set);
                }
            }
        } catch (RuntimeException e) {
            // a malformed From/To: keep what was known
        }
    }

    /** Runs steps until one waits. */
    private void advance() {
        var steps = scenario.steps();
        while (!ended) {
            if (index >= steps.size()) {
                succeed();
                return;
            }
            Step step = steps.get(index);
            long now = host.clock().nanoTime();
            if (step instanceof Step.Send s) {
                if (!send(s)) {
                    return;
                }
                timers(s.common(), now);
                index = following(index, s.common());
            } else if (step instanceof Step.Recv r) {
                long timeout = r.timeoutMs() > 0 ? r.timeoutMs() : host.config().recvTimeoutMs();
                // a transaction timer (64*T1) already bounds the wait unless the step sets its own timeout
                if (timeout > 0 && waitTimer == null && (txTimer == null || r.timeoutMs() > 0)) {
                    waitTimer = owner.schedule(timeout, () -> {
                        waitTimer = null;
                        fail("timeout");
                    });
                }
                return;
            } else if (step instanceof Step.Pause p) {
                long ms = p.milliseconds() >= 0 ? p.milliseconds() : host.config().callLengthMs();
                int at = index;
                timers(p.common(), now);
                owner.schedule(ms, () -> {
                    if (!ended && index == at) {
                        index = following(at, p.common());
                        advance();
                    }
                });
                return;
            } else if (step instanceof Step.Nop nop) {
                timers(nop.common(), now);
                index = following(index, nop.common());
            } else {
                index++;
            }
        }
    }

    private int following(int i, Step.Common c) {
        if (c.next() != null && (c.chance() >= 1 || ThreadLocalRandom.current().nextDouble() < c.chance())) {
            return scenario.labelIndex(c.next());
        }
        return i + 1;
    }

    private void timers(Step.Common c, long now) {
        if (c.rtd() != null && rtdStarts != null) {
            Long start = rtdStarts.remove(c.rtd());
            if (start != null) {
                host.metrics().record(Metrics.RTD + c.rtd(), now - start);
            }
        }
        if (c.startRtd() != null) {
            if (rtdStarts == null) {
                rtdStarts = new java.util.HashMap<>(4);
            }
            rtdStarts.put(c.startRtd(), now);
        }
    }

    private boolean send(Step.Send s) {
        String first = s.template().firstWord();
        if (s.template().uses(Keyword.Kind.CSEQ) && !first.equals("ACK") && !first.equals("CANCEL")
                && !first.startsWith("SIP/")) {
            cseq++;
        }
        sends++;
        byte[] bytes = s.template().render(this);
        SipMessage m;
        try {
            m = host.parser().parseDatagram(bytes);
        } catch (RuntimeException e) {
            host.reportBadMessage(index, e, bytes);
            fail("bad-message");
            return false;
        }
        sentAt[index] = m;
        sentBytes[index] = bytes;
        boolean request = m.isRequest();
        boolean invite = request && ((SipRequest) m).isMethod("INVITE");
        long now = host.clock().nanoTime();
        if (request && !((SipRequest) m).isMethod("ACK")) {
            lastRequestMethod = ((SipRequest) m).method();
            lastRequestNanos = now;
            if (invite) {
                inviteNanos = now;
                provisionalSeen = false;
            }
        } else if (!request && m.cseq() != null && "INVITE".equals(m.cseq().method())) {
            inviteProgress(((SipResponse) m).status(), now);
        }
        host.wire().send(m, bytes, destination, this);
        if (media != null) {
            if (!request && invite(m) && ((SipResponse) m).status() / 100 == 2) {
                media.start(); // our answer is out (RFC 3264 §6: the answerer may send once it answered)
            } else if (request && ((SipRequest) m).isMethod("BYE")) {
                media.stop();
            }
        }
        if (s.retransMs() > 0 && destination.transport() == Transport.UDP
                && !(request && ((SipRequest) m).isMethod("ACK"))) {
            cancel(txTimer);
            retransmission.start(m, bytes, s.retransMs(), invite);
            txTimer = owner.schedule(64L * s.retransMs(), () -> {
                txTimer = null;
                fail("timeout");
            });
        }
        return true;
    }

    /** Sends {@code m} again (a retransmission). Owner thread only. */
    void resend(SipMessage m, byte[] bytes) {
        host.metrics().retransmitted();
        host.wire().send(m, bytes, destination, this);
    }

    private void cancelRetransmission() {
        retransmission.stop();
    }

    private static void cancel(Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    private static boolean invite(SipMessage m) {
        return m.cseq() != null && "INVITE".equals(m.cseq().method());
    }

    private void succeed() {
        if (media != null && !media.started()) {
            host.media().tell(media.problem() != null ? media.problem()
                    : "the call ended without RTP: no SDP answer with an audio stream");
            fail("media");
            return;
        }
        end();
        host.metrics().callSucceeded();
    }

    /** Fails the call for {@code reason} unless it already ended. Owner thread only. */
    public void fail(String reason) {
        if (ended) {
            return;
        }
        end();
        host.metrics().callFailed(reason);
    }

    private void end() {
        ended = true;
        if (media != null) {
            media.stop();
        }
        cancelRetransmission();
        cancel(txTimer);
        cancel(waitTimer);
        txTimer = null;
        waitTimer = null;
        var table = host.tables()[host.ownerIndex(callId)];
        long linger = destination.transport() == Transport.UDP ? host.config().lingerMs() : 0;
        if (linger <= 0) {
            table.remove(callId, this);
        } else {
            owner.schedule(linger, () -> table.remove(callId, this));
        }
    }

    @Override
    public void onFailure(Throwable cause) {
        owner.execute(() -> fail("transport"));
    }

    @Override
    public void append(Keyword k, StringBuilder out) {
        CallKeywords.append(this, k, out);
    }

    /** The flow a server call answers on. */
    public static Destination answerTo(Flow flow) {
        return Destination.over(flow);
    }
}
