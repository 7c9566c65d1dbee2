package io.callisto.bench.engine.internal;

import io.callisto.media.rtp.RtpSession;
import io.callisto.media.rtp.RtpStatistics;
import io.callisto.media.srtp.Sdes;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.media.srtp.SrtpPolicy;
import io.callisto.media.srtp.SrtpProfile;
import io.callisto.sip.sdp.Connection;
import io.callisto.sip.sdp.Crypto;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.SessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The RTP session of one bench call. Its local port is the call's {@code [media_port]} and, with SRTP, its
 * {@code a=crypto} value is {@code [media_crypto]}. The peer's SDP (the offer in an INVITE for a server call, the
 * answer in the 2xx for a client call) gives the remote address and, with SRTP, the keys; the media starts when
 * the call is answered (2xx sent or received) and stops with the BYE or the end of the call.
 *
 * <p>Used on the call's thread; the session itself runs on the run's media clock.
 */
final class MediaLeg {

    private static final SrtpProfile SUITE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    private static final List<SrtpProfile> ACCEPTED = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            SrtpProfile.AES_CM_128_HMAC_SHA1_32);

    private final MediaLegs legs;
    private final RtpSession session;
    private final LegTransform transform;
    private final SrtpMasterKey ownKey;
    private String crypto = "";
    private InetSocketAddress remote;
    private String problem;
    private boolean started;
    private boolean stopped;

    MediaLeg(MediaLegs legs, RtpSession session, LegTransform transform) {
        this.legs = legs;
        this.session = session;
        this.transform = transform;
        this.ownKey = legs.options().srtp() ? SrtpMasterKey.random(legs.random(), SUITE) : null;
        if (ownKey != null) {
            crypto = Sdes.crypto(1, SUITE, ownKey).toString(); // our offer; an answerer replaces it
        }
    }

    RtpSession session() {
        return session;
    }

    /** The local RTP port ({@code [media_port]}). */
    int port() {
        return session.localRtpPort();
    }

    /** The value of {@code [media_crypto]}: our offer's a=crypto value, or the one answering the peer's offer. */
    String crypto() {
        return crypto;
    }

    /** Why the media could not start (bad or missing SDP, no usable a=crypto), or null. */
    String problem() {
        return problem;
    }

    /** True once the media started. */
    boolean started() {
        return started;
    }

    /** The latest counters. */
    RtpStatistics statistics() {
        return session.statistics();
    }

    /**
     * Reads the peer's SDP: the first audio stream's address and port and, with SRTP, its keys (RFC 4568 §7.1.2
     * for an offer, §7.1.3 for an answer). An answer without a=crypto is taken as a reflecting peer (only our own
     * packets come back, readable with our key).
     *
     * @param body  the SDP bytes
     * @param offer true for an offer (we answer it), false for the answer to our offer
     */
    void peerDescription(byte[] body, boolean offer) {
        if (started || stopped) {
            return;
        }
        MediaDescription audio;
        String address;
        try {
            SessionDescription sdp = SessionDescription.parse(body);
            audio = sdp.media().stream().filter(m -> m.media().equals("audio") && m.port() > 0).findFirst()
                    .orElse(null);
            List<Connection> c = audio == null ? List.of() : audio.effectiveConnections();
            address = c.isEmpty() ? null : c.get(0).address();
        } catch (RuntimeException e) {
            problem = "SDP does not parse: " + e.getMessage();
            return;
        }
        if (audio == null || address == null) {
            problem = "SDP has no audio stream with a port and a c= line";
            return;
        }
        if (!audio.formats().contains("0")) {
            problem = "SDP audio stream does not have PCMU (payload type 0)";
            return;
        }
        if (ownKey != null && !keys(audio.cryptos(), offer)) {
            return;
        }
        try {
            remote = new InetSocketAddress(InetAddress.getByName(address), audio.port());
        } catch (java.net.UnknownHostException e) {
            problem = "SDP c= address is not an IP address: " + address;
        }
    }

    private boolean keys(List<Crypto> peer, boolean offer) {
        if (offer) {
            var chosen = Sdes.select(peer, ACCEPTED, ownKey);
            if (chosen.isEmpty()) {
                problem = "the offer has no usable a=crypto (" + SUITE.sdesName() + " or _32)";
                return false;
            }
            crypto = chosen.get().answer().toString();
            transform.keys(chosen.get().keys(), true);
            return true;
        }
        List<Crypto> ours = List.of(Crypto.parse(crypto));
        if (peer.isEmpty()) {
            SrtpPolicy own = SrtpPolicy.of(SUITE, ownKey);
            transform.keys(new SdesKeys(SUITE, 1, own, own), false);
            return true;
        }
        Sdes.Result r = Sdes.accept(ours, peer);
        if (!r.ok()) {
            problem = "SRTP answer refused: " + r.error();
            return false;
        }
        transform.keys(r.keys(), true);
        return true;
    }

    /** Starts sending and receiving once the peer's address (and keys) are known; later calls do nothing. */
    void start() {
        if (started || stopped || remote == null || !transform.ready()) {
            return;
        }
        started = true;
        session.remote(remote, null);
        session.start();
    }

    /** Stops the media (RTCP BYE) and closes the sockets; adds the final counters to the run's. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        session.close().whenComplete((v, e) -> legs.closed(this, session.statistics()));
    }
}
