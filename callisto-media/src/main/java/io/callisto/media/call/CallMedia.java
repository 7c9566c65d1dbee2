package io.callisto.media.call;

import io.callisto.media.audio.MediaSink;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.call.internal.DtmfRelay;
import io.callisto.media.call.internal.SrtpTransform;
import io.callisto.media.dtmf.DtmfListener;
import io.callisto.media.dtmf.TelephoneEvent;
import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.rtp.RtpSession;
import io.callisto.media.rtp.RtpStatistics;
import io.callisto.media.sdp.LocalMedia;
import io.callisto.media.sdp.LocalStream;
import io.callisto.media.sdp.NegotiatedMedia;
import io.callisto.media.sdp.OfferAnswer;
import io.callisto.media.sdp.Outcome;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.sdp.SessionDescription;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.OfferAnswerer;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call: its SDP offer/answer state (RFC 3264) and its RTP session, kept in step. Every offer and
 * answer the call exchanges goes through here, whoever starts it:
 *
 * <ul>
 *   <li>an outgoing call sends {@link #offer()} in its INVITE; the answer in a 1xx or the 2xx starts the media;</li>
 *   <li>an incoming call answers with {@link #answerTo(Call)} (null: reject with 488);</li>
 *   <li>once {@link #attach attached}, offers in re-INVITE, UPDATE, PRACK (and late offers) are answered here, and
 *       {@link #hold()}/{@link #resume()} send re-offers (RFC 3264 §8.4: a=sendonly, then a=sendrecv);</li>
 *   <li>SDES keys (RFC 4568) agreed in the exchange make the session SRTP (RFC 3711); a re-offer with the same keys
 *       keeps the running contexts (rollover counter and replay window).</li>
 * </ul>
 *
 * <p>DTMF goes as RFC 4733 telephone-events when both sides listed them, else as SIP INFO
 * ({@code application/dtmf-relay}); both kinds arrive at {@link #onDtmf}. The media stops when the call ends.
 *
 * <p>Threading: offer/answer methods may be called from any thread (they are serialised on this object; signalling is
 * not the media hot path). Sources, sinks and RFC 4733 digits run on the media thread; INFO digits on the call's.
 */
public final class CallMedia implements OfferAnswerer {

    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);

    private final RtpSession session;
    private final OfferAnswer offerAnswer;
    private Call call;
    private SessionDescription pendingOffer;
    private SessionDescription lastOffer;
    private byte[] lastAnswer;
    private Boolean pendingHold;
    private NegotiatedMedia current;
    private SrtpTransform transform;
    private String failure;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile DtmfListener dtmfListener = d -> { };
    private volatile Consumer<NegotiatedMedia> negotiatedListener = m -> { };
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    CallMedia(MediaOptions options, RtpSession session, SecureRandom random) {
        this.session = session;
        // RFC 5761 §5.1.1: rtcp-mux offered (and accepted) with a separate RTCP port all the same, which the session
        // keeps bound for a peer that does not take the multiplexing
        LocalStream audio = new LocalStream("audio", session.localRtpPort(), 0, options.rtcpMux(), options.codecs(),
                20, io.callisto.sip.sdp.Direction.SENDRECV);
        this.offerAnswer = new OfferAnswer(new LocalMedia("callisto", options.advertisedAddress(), options.srtp(),
                LocalMedia.DEFAULT_SUITES, java.util.List.of(audio)), random);
        session.dtmfListener(d -> dtmfListener.onDigit(d));
        if (options.rtcpMux()) {
            session.expectRtcpMux();
        }
    }

    // ------------------------------------------------------------------ offers and answers

    /** A new offer (the INVITE of an outgoing call, or a re-offer); its answer is expected next. */
    public synchronized Body offer() {
        SessionDescription sdp = offerAnswer.createOffer();
        pendingOffer = sdp;
        return Body.sdp(sdp.toString());
    }

    /**
     * What an incoming call answers with: the answer to the INVITE's offer (the media starts at once), or an offer
     * of ours when the INVITE had none (the caller answers in the PRACK or the ACK). Null when the offer cannot be
     * accepted, e.g. no common codec or SRTP required but not offered: reject the call with 488 and
     * {@link #failure()} as the reason.
     */
    public Body answerTo(Call incoming) {
        Body offer = incoming.remoteBody();
        if (offer == null) {
            return offer();
        }
        return answer(incoming, offer);
    }

    /** Answers an offer the stack received in the call (re-INVITE, UPDATE, PRACK, 1xx or 2xx to a late offer). */
    @Override
    public synchronized Body answer(Call c, Body offer) {
        if (!offer.type().is("application", "sdp")) {
            failure = "the offer is " + offer.type() + ", not SDP";
            return null;
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(offer.bytes());
        } catch (RuntimeException e) {
            failure = "malformed SDP offer: " + e.getMessage();
            return null;
        }
        Outcome outcome = offerAnswer.createAnswer(sdp);
        if (outcome instanceof Outcome.Failed f) {
            failure = f.reason();
            LOG.info("call {}: offer refused: {}", c.callId(), f.reason());
            return null;
        }
        Outcome.Negotiated n = (Outcome.Negotiated) outcome;
        pendingOffer = null; // an offer from the peer supersedes ours (no glare here: the stack sends 491)
        apply(n);
        return Body.sdp(n.sdp().toString());
    }

    /**
     * Follows the call: answers its later offers, starts the media when an answer to our offer arrives (in a 1xx,
     * the 2xx, the ACK, or the 2xx to a re-INVITE or UPDATE), and closes the media when the call ends.
     */
    public void attach(Call c) {
        synchronized (this) {
            this.call = c;
        }
        c.answerOffersWith(this);
        c.addListener(this::onEvent);
        c.ended().whenComplete((e, x) -> close());
        // the answer may already be in (e.g. attached after a fast 200)
        CallState s = c.state();
        if ((s == CallState.EARLY || s == CallState.CONFIRMED) && c.remoteBody() != null) {
            answerArrived(c.remoteBody().type().is("application", "sdp") ? c.remoteBody().bytes() : null);
        }
    }

    private void onEvent(CallEvent e) {
        switch (e.type()) {
            case STATE_CHANGED -> {
                if (e.state() == CallState.EARLY || e.state() == CallState.CONFIRMED) {
                    answerArrived(sdpOf(e.message()));
                }
            }
            case REINVITE_COMPLETED, UPDATE_COMPLETED -> {
                if (e.status() >= 200 && e.status() < 300) {
                    answerArrived(sdpOf(e.message()));
                } else {
                    offerRejected(e.status());
                }
            }
            case INFO_RECEIVED -> {
                SipMessage m = e.message();
                if (m != null) {
                    DtmfRelay.parse(m.contentType(), m.body()).ifPresent(d -> dtmfListener.onDigit(d));
                }
            }
            default -> { }
        }
    }

    private static byte[] sdpOf(SipMessage m) {
        if (m == null || m.bodyLength() == 0 || m.contentType() == null
                || !m.contentType().is("application", "sdp")) {
            return null;
        }
        return m.body();
    }

    /** An SDP body arrived in a response, or in the ACK: the answer to our offer, if one is pending. */
    private synchronized void answerArrived(byte[] body) {
        if (body == null || closed) {
            return;
        }
        SessionDescription offer = pendingOffer;
        if (offer == null) {
            // the 2xx repeating the answer of a 1xx is normal; a different one (a forked early dialog answered
            // differently) replaces it (RFC 3261 §13.2.1 allows no other change)
            if (lastOffer == null || lastAnswer == null || Arrays.equals(lastAnswer, body)) {
                return;
            }
            offer = lastOffer;
        }
        SessionDescription answer;
        try {
            answer = SessionDescription.parse(body);
        } catch (RuntimeException e) {
            answerFailed("malformed SDP answer: " + e.getMessage());
            return;
        }
        Outcome outcome = offerAnswer.acceptAnswer(offer, answer);
        pendingOffer = null;
        pendingHold = null;
        if (outcome instanceof Outcome.Failed f) {
            answerFailed(f.reason());
            return;
        }
        lastOffer = offer;
        lastAnswer = body;
        apply((Outcome.Negotiated) outcome);
    }

    /** RFC 3264 §6: an answer we cannot use ends the session (the peer gets a BYE). */
    private void answerFailed(String reason) {
        failure = reason;
        LOG.warn("call {}: unusable SDP answer, hanging up: {}", call == null ? "-" : call.callId(), reason);
        if (call != null) {
            call.hangup();
        }
    }

    /** Our re-offer got a non-2xx: the session stays as it was (RFC 3264 §8, RFC 3261 §14.1). */
    private synchronized void offerRejected(int status) {
        pendingOffer = null;
        if (pendingHold != null) {
            if (pendingHold) {
                offerAnswer.resume();
            } else {
                offerAnswer.hold();
            }
            pendingHold = null;
        }
        failure = "re-offer rejected with " + status;
    }

    // ------------------------------------------------------------------ applying an outcome

    private void apply(Outcome.Negotiated n) {
        NegotiatedMedia audio = n.media().stream().filter(m -> m.media().equals("audio")).findFirst().orElse(null);
        if (audio == null) {
            session.sending(false);
            current = null;
            return;
        }
        InetAddress address = literal(audio.remoteAddress());
        InetAddress rtcpAddress = literal(audio.remoteRtcpAddress());
        boolean canSend = audio.canSend() && address != null;
        session.rtcpMux(audio.rtcpMux());
        if (address != null) {
            session.remote(new InetSocketAddress(address, audio.remoteRtpPort()), rtcpAddress == null
                    || audio.rtcpMux() ? null : new InetSocketAddress(rtcpAddress, audio.remoteRtcpPort()));
        } else {
            LOG.info("SDP connection address {} is not an IP address: media is not sent", audio.remoteAddress());
        }
        PacketTransform t = PacketTransform.IDENTITY;
        if (audio.srtp().isPresent()) {
            if (transform == null || !transform.keys().equals(audio.srtp().get())) {
                transform = new SrtpTransform(audio.srtp().get());
            }
            t = transform;
        } else {
            transform = null;
        }
        session.negotiated(MediaEngine.codecOf(io.callisto.media.sdp.Codec.of(audio.send())),
                audio.telephoneEvent().orElse(-1), t);
        session.sending(canSend && !offerAnswer.held());
        current = audio;
        if (!started) {
            started = true;
            session.start();
        }
        negotiatedListener.accept(audio);
    }

    /** The address of an IPv4 or IPv6 literal, without a DNS lookup (never block the call's thread); else null. */
    private static InetAddress literal(String host) {
        byte[] bytes = host == null ? null : NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ hold, DTMF, audio

    /**
     * Puts the call on hold: a re-INVITE offering a=sendonly (RFC 3264 §8.4), and our audio stops. The future
     * completes with the re-INVITE's final response; on a failure the session stays as it was.
     */
    public CompletableFuture<SipResponse> hold() {
        return reoffer(true);
    }

    /** Takes the call off hold: a re-INVITE offering a=sendrecv; audio flows again once it is answered. */
    public CompletableFuture<SipResponse> resume() {
        return reoffer(false);
    }

    private CompletableFuture<SipResponse> reoffer(boolean hold) {
        Call c;
        Body body;
        synchronized (this) {
            c = call;
            if (c == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not attached to a call"));
            }
            if (hold) {
                offerAnswer.hold();
                session.sending(false);
            } else {
                offerAnswer.resume();
            }
            pendingHold = hold;
            body = offer();
        }
        return c.reinvite(body);
    }

    /** True while we hold the call. */
    public synchronized boolean held() {
        return offerAnswer.held();
    }

    /**
     * Sends a DTMF digit (0-9, *, #, A-D): as RFC 4733 events when negotiated, else in a SIP INFO.
     *
     * @throws IllegalArgumentException when {@code digit} is not a DTMF digit
     */
    public void sendDtmf(char digit, int durationMillis) {
        char d = Character.toUpperCase(digit);
        if (TelephoneEvent.eventOf(d) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        NegotiatedMedia m;
        Call c;
        synchronized (this) {
            m = current;
            c = call;
        }
        if (m != null && m.telephoneEvent().isPresent()) {
            session.sendDtmf(d, Math.max(40, Math.min(5000, durationMillis)));
        } else if (c != null) {
            c.sendInfo(Body.of(DtmfRelay.TYPE, DtmfRelay.body(d, durationMillis)));
        } else {
            throw new IllegalStateException("no call to send DTMF in");
        }
    }

    /** Where received digits go (RFC 4733 ones on the media thread, INFO ones on the call's thread). */
    public void onDtmf(DtmfListener listener) {
        this.dtmfListener = listener == null ? d -> { } : listener;
    }

    /** Called with the stream's parameters after each successful offer/answer exchange. */
    public void onNegotiated(Consumer<NegotiatedMedia> listener) {
        this.negotiatedListener = listener == null ? m -> { } : listener;
    }

    /** The audio to send (silence by default). */
    public void source(MediaSource source) {
        session.source(source);
    }

    /** Where received audio goes (discarded by default). */
    public void sink(MediaSink sink) {
        session.sink(sink);
    }

    /** The RTP session's counters: packets, loss, jitter, round-trip time. */
    public RtpStatistics statistics() {
        return session.statistics();
    }

    /** What the last exchange agreed for audio, if one succeeded. */
    public synchronized Optional<NegotiatedMedia> negotiated() {
        return Optional.ofNullable(current);
    }

    /** True when the audio is SRTP. */
    public synchronized boolean secure() {
        return current != null && current.secure();
    }

    /** Why the last offer or answer failed, or null. */
    public synchronized String failure() {
        return failure;
    }

    /** The local RTP port. */
    public int localRtpPort() {
        return session.localRtpPort();
    }

    /** Stops the media (an RTCP BYE) and closes its sockets; a second call does nothing. */
    public CompletableFuture<Void> close() {
        if (!closed) {
            closed = true;
            session.close().whenComplete((v, e) -> closedFuture.complete(null));
        }
        return closedFuture;
    }

    /** Completes when the media's sockets are closed. */
    public CompletableFuture<Void> closed() {
        return closedFuture;
    }
}
