package io.callisto.media.sdp.internal;

import io.callisto.media.sdp.NegotiatedMedia;
import io.callisto.media.sdp.Outcome;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.Sdes;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Rtpmap;
import io.callisto.sip.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Checks an answer against the offer it answers and reads what was negotiated (RFC 3264 §6, §7). */
public final class AnswerChecker {

    private AnswerChecker() {
    }

    /**
     * The outcome of {@code answer} to {@code offer}; {@code slots} (the session's m-lines, possibly empty when
     * the offer was not made by this session) are updated with the negotiated directions and rejections.
     *
     * @throws IllegalArgumentException when an accepted stream has no connection address
     */
    public static Outcome check(SessionDescription offer, SessionDescription answer, List<Slot> slots) {
        List<MediaDescription> offered = offer.media();
        List<MediaDescription> answered = answer.media();
        if (offered.size() != answered.size()) {
            return new Outcome.Failed(488, "answer has " + answered.size() + " m-lines, the offer had "
                    + offered.size() + " (RFC 3264 §6)");
        }
        List<NegotiatedMedia> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription o = offered.get(i);
            MediaDescription a = answered.get(i);
            Slot slot = i < slots.size() ? slots.get(i) : null;
            if (!a.media().equals(o.media())) {
                return new Outcome.Failed(488, "answer m-line " + i + " is " + a.media() + ", the offer's is "
                        + o.media());
            }
            if (o.port() == 0) {
                if (a.port() != 0) {
                    return new Outcome.Failed(488, "answer accepts m-line " + i + " that the offer rejected");
                }
                continue;
            }
            if (!a.proto().equalsIgnoreCase(o.proto())) {
                return new Outcome.Failed(488, "answer changes the transport of m-line " + i + " from "
                        + o.proto() + " to " + a.proto());
            }
            String problem = a.port() == 0 ? "rejected by the answerer" : null;
            NegotiatedMedia n = null;
            if (problem == null) {
                StreamCheck c = stream(i, o, a);
                problem = c.problem;
                n = c.media;
            }
            if (problem != null) {
                rejected.add("stream " + i + " (" + o.media() + "): " + problem);
                if (slot != null) {
                    slot.local = null; // §8.2: stays rejected, port 0 in later offers
                }
            } else {
                accepted.add(n);
                if (slot != null) {
                    slot.negotiated = n.canSend() ? (n.canReceive() ? Direction.SENDRECV : Direction.SENDONLY)
                            : (n.canReceive() ? Direction.RECVONLY : Direction.INACTIVE);
                }
            }
        }
        if (accepted.isEmpty() && !offered.isEmpty()) {
            return new Outcome.Failed(488, rejected.isEmpty() ? "no stream was offered"
                    : String.join("; ", rejected));
        }
        return new Outcome.Negotiated(answer, accepted, rejected);
    }

    private record StreamCheck(NegotiatedMedia media, String problem) {
        static StreamCheck fail(String problem) {
            return new StreamCheck(null, problem);
        }
    }

    private static StreamCheck stream(int index, MediaDescription o, MediaDescription a) {
        // codecs: the first answer format that is one of ours (§7: the offerer SHOULD send with it)
        Rtpmap send = null;
        OptionalInt event = OptionalInt.empty();
        List<Rtpmap> receive = new ArrayList<>();
        for (String f : a.formats()) {
            Optional<Rtpmap> ours = o.formats().contains(f) ? Formats.rtpmap(o, f) : Optional.empty();
            Optional<Rtpmap> theirs = Formats.rtpmap(a, f);
            if (ours.isEmpty() || theirs.isPresent() && !theirs.get().isEncoding(ours.get().encodingName())) {
                continue; // not offered, or remapped: a payload type keeps its meaning within a session
            }
            receive.add(ours.get());
            if (ours.get().isEncoding("telephone-event")) {
                if (event.isEmpty()) {
                    event = OptionalInt.of(ours.get().payloadType());
                }
            } else if (send == null) {
                send = ours.get();
            }
        }
        if (send == null) {
            return StreamCheck.fail("answer has no codec from the offer");
        }
        // SRTP (RFC 4568 §7.1.3): RTP/SAVP needs a valid crypto line; best-effort RTP/AVP may fall back to RTP
        Optional<SdesKeys> keys = Optional.empty();
        if (!o.cryptos().isEmpty()) {
            if (a.cryptos().isEmpty() && a.attributes("crypto").isEmpty()) {
                if (MediaLines.SAVP.equalsIgnoreCase(o.proto())) {
                    return StreamCheck.fail("answer has no a=crypto for RTP/SAVP");
                }
            } else {
                Sdes.Result r = Sdes.accept(o.cryptos(), a.cryptos());
                if (!r.ok()) {
                    return StreamCheck.fail(r.error());
                }
                keys = Optional.of(r.keys());
            }
        }
        String address = Endpoints.rtpAddress(a, index);
        Direction od = o.effectiveDirection();
        Direction ad = a.effectiveDirection();
        boolean canSend = od.sends() && ad.receives() && !Endpoints.isHoldAddress(address);
        boolean canReceive = od.receives() && ad.sends();
        boolean mux = o.rtcpMux() && a.rtcpMux();
        int ownPtime = o.ptime().isPresent() ? (int) Math.round(o.ptime().getAsDouble()) : 0;
        return new StreamCheck(new NegotiatedMedia(index, o.media(), address, a.port(),
                Endpoints.rtcpAddress(a, mux, address), Endpoints.rtcpPort(a, mux), mux, send, receive, event,
                Endpoints.ptime(a, ownPtime), canSend, canReceive, keys), null);
    }
}
