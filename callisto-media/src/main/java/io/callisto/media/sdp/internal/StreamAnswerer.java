package io.callisto.media.sdp.internal;

import io.callisto.media.sdp.Codec;
import io.callisto.media.sdp.LocalStream;
import io.callisto.media.sdp.NegotiatedMedia;
import io.callisto.media.srtp.Sdes;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.media.srtp.SrtpProfile;
import io.callisto.sip.sdp.Crypto;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Rtpmap;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Answers one offered media stream (RFC 3264 §6.1, RFC 4568 §7.1.2): transport and SRTP policy, codecs,
 * direction, rtcp-mux. After {@link #answer} returned null, {@link #line()} and {@link #media()} hold the
 * answer's m-line and what was negotiated.
 */
public final class StreamAnswerer {

    private final SrtpMode mode;
    private final List<SrtpProfile> suites;
    private final SecureRandom random;
    private MediaDescription line;
    private NegotiatedMedia media;

    /** An answerer with this SRTP policy. */
    public StreamAnswerer(SrtpMode mode, List<SrtpProfile> suites, SecureRandom random) {
        this.mode = mode;
        this.suites = suites;
        this.random = random;
    }

    /** The answer's m-line of the last accepted stream. */
    public MediaDescription line() {
        return line;
    }

    /** What was negotiated for the last accepted stream. */
    public NegotiatedMedia media() {
        return media;
    }

    /**
     * Answers stream {@code index} offered as {@code m} with the local stream of {@code slot}.
     *
     * @return null when accepted, otherwise why the stream is rejected
     * @throws IllegalArgumentException when the offer has no connection address for the stream
     */
    public String answer(int index, Slot slot, MediaDescription m, Direction wanted) {
        LocalStream ls = slot.local;
        boolean savp = MediaLines.SAVP.equalsIgnoreCase(m.proto());
        if (!savp && !MediaLines.AVP.equalsIgnoreCase(m.proto())) {
            return "unsupported transport " + m.proto();
        }
        // RFC 4568 §7.1.2 and the SRTP policy
        Optional<Sdes.Selection> srtp = Optional.empty();
        if (savp && mode == SrtpMode.OFF) {
            return "RTP/SAVP offered but SRTP is off";
        }
        // REQUIRED takes RTP/AVP with a usable a=crypto too (best-effort SRTP, as baresip and many phones offer
        // it): the answer keeps RTP/AVP with our a=crypto, so the media is SRTP all the same
        if (!savp && mode == SrtpMode.REQUIRED && m.cryptos().isEmpty()) {
            return "plain RTP offered but SRTP is required";
        }
        if (mode != SrtpMode.OFF && !m.cryptos().isEmpty()) {
            if (slot.answerKey == null) {
                slot.answerKey = SrtpMasterKey.random(random);
            }
            srtp = Sdes.select(m.cryptos(), suites, slot.answerKey);
        }
        if (savp && srtp.isEmpty()) {
            return "no acceptable a=crypto";
        }
        if (mode == SrtpMode.REQUIRED && srtp.isEmpty()) {
            return "plain RTP offered but SRTP is required (no acceptable a=crypto)";
        }
        List<Codec> codecs = Formats.answer(m, ls.codecs());
        Codec send = codecs.stream().filter(c -> !c.isTelephoneEvent()).findFirst().orElse(null);
        if (send == null) {
            return "no common codec";
        }
        String address = Endpoints.rtpAddress(m, index);
        Direction direction = m.effectiveDirection().answer(wanted); // §6.1 direction table
        boolean mux = m.rtcpMux() && ls.rtcpMux(); // RFC 5761 §5.1.1
        List<Crypto> crypto = srtp.map(s -> List.of(s.answer())).orElse(List.of());
        line = MediaLines.live(m.proto(), ls, codecs, direction, mux, crypto);
        slot.formats = line.formats();
        slot.negotiated = direction;
        OptionalInt event = codecs.stream().filter(Codec::isTelephoneEvent).mapToInt(Codec::payloadType)
                .findFirst();
        List<Rtpmap> receive = new ArrayList<>();
        for (Codec c : codecs) {
            receive.add(c.rtpmap());
        }
        media = new NegotiatedMedia(index, m.media(), address, m.port(),
                Endpoints.rtcpAddress(m, mux, address), Endpoints.rtcpPort(m, mux), mux, send.rtpmap(), receive,
                event, Endpoints.ptime(m, ls.ptime()), direction.sends() && !Endpoints.isHoldAddress(address),
                direction.receives(), srtp.map(Sdes.Selection::keys));
        return null;
    }
}
