package io.callisto.media.sdp;

import io.callisto.media.sdp.internal.AnswerChecker;
import io.callisto.media.sdp.internal.MediaLines;
import io.callisto.media.sdp.internal.Slot;
import io.callisto.media.sdp.internal.StreamAnswerer;
import io.callisto.media.srtp.Sdes;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.sdp.Connection;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Origin;
import io.callisto.sip.sdp.SessionDescription;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDP offer/answer model (RFC 3264) for one session, from one side: creates offers (§5), answers offers
 * (§6), checks answers to its offers (§7) and modifies the session (§8: hold and resume, adding and removing
 * streams), with SRTP keys exchanged by SDES (RFC 4568). The session's m-lines are kept between exchanges: a
 * later offer has the same m-lines in the same order, rejected ones with port 0 (§8.2), and the o= version
 * grows by one with every SDP this side sends (§8).
 *
 * <p>Results are values: {@link Outcome.Negotiated} with a {@link NegotiatedMedia} per accepted stream, or
 * {@link Outcome.Failed} with the 488 to send; no exception escapes for bad SDP. An instance belongs to one
 * call and is used on that call's thread.
 */
public final class OfferAnswer {

    private final LocalMedia local;
    private final SecureRandom random;
    private final long sessionId;
    private long version;
    private boolean sentAny;
    private boolean held;
    private List<Slot> slots = new ArrayList<>();
    private final List<LocalStream> streams;

    /** A session with these capabilities; keys and the session id come from {@code random}. */
    public OfferAnswer(LocalMedia local, SecureRandom random) {
        this.local = local;
        this.random = random;
        this.streams = new ArrayList<>(local.streams());
        // §5: the session id and initial version are numbers below 2^62; an NTP-like random value
        this.sessionId = random.nextLong() & 0x0fff_ffff_ffffL;
        this.version = sessionId;
    }

    /** True while the session is on hold (after {@link #hold()}, until {@link #resume()}). */
    public boolean held() {
        return held;
    }

    /**
     * Puts the session on hold: the next offer says sendonly, or inactive for a stream that does not send
     * today (RFC 3264 §8.4, RFC 6337 §5.3); answers given meanwhile keep it.
     */
    public void hold() {
        held = true;
    }

    /** Takes the session off hold: the next offer says what the streams want again (sendrecv normally). */
    public void resume() {
        held = false;
    }

    /** Adds a stream: the next offer appends an m-line for it (§8.1). Returns its m-line index. */
    public int addStream(LocalStream stream) {
        streams.add(stream);
        if (slots.isEmpty()) {
            return streams.size() - 1;
        }
        slots.add(new Slot(stream.media(), initialProto(), stream));
        return slots.size() - 1;
    }

    /**
     * Removes the stream at m-line {@code index}: the next offer keeps its m-line with port 0 (§8.2).
     *
     * @throws IndexOutOfBoundsException when there is no such m-line
     */
    public void removeStream(int index) {
        if (slots.isEmpty()) {
            streams.remove(index);
            return;
        }
        slots.get(index).local = null;
    }

    private String initialProto() {
        return local.srtp() == SrtpMode.REQUIRED ? MediaLines.SAVP : MediaLines.AVP;
    }

    /**
     * The direction this side asks for on a stream, hold applied. On hold, an offer says sendonly, or inactive
     * when this side does not send today (the peer holds it: RFC 3264 §8.4); an answer says sendonly, since
     * hold is a local desire that receiving an offer does not change (RFC 6337 §5.3).
     */
    Direction wanted(Slot s, boolean offering) {
        Direction d = s.local.direction();
        if (!held) {
            return d;
        }
        boolean sending = d.sends() && (!offering || s.negotiated == null || s.negotiated.sends());
        return sending ? Direction.SENDONLY : Direction.INACTIVE;
    }

    // ---- offers (§5, §8)

    /** Creates an offer: the first one from the local streams, later ones from the session's m-lines (§8). */
    public SessionDescription createOffer() {
        if (slots.isEmpty()) {
            for (LocalStream s : streams) {
                slots.add(new Slot(s.media(), initialProto(), s));
            }
        }
        List<MediaDescription> lines = new ArrayList<>();
        for (Slot s : slots) {
            if (s.local == null) {
                lines.add(MediaLines.rejected(s.media, s.proto, s.formats));
                continue;
            }
            if (s.offeredCryptos == null) {
                boolean srtp = local.srtp() != SrtpMode.OFF
                        && (MediaLines.SAVP.equalsIgnoreCase(s.proto) || local.srtp() == SrtpMode.OPTIONAL);
                s.offeredCryptos = srtp ? Sdes.offer(local.srtpSuites(), random) : List.of();
            }
            MediaDescription m = MediaLines.live(s.proto, s.local, s.local.codecs(), wanted(s, true),
                    s.local.rtcpMux(), s.offeredCryptos);
            s.formats = m.formats();
            lines.add(m);
        }
        return session(lines);
    }

    private SessionDescription session(List<MediaDescription> media) {
        if (sentAny) {
            version++;
        }
        sentAny = true;
        var builder = SessionDescription.builder()
                .origin(Origin.of(local.username(), sessionId, version, local.address()))
                .connection(Connection.of(local.address()));
        for (MediaDescription m : media) {
            builder.media(m);
        }
        return builder.build();
    }

    // ---- answers (§6)

    /**
     * Answers an offer (§6): each offered stream is matched with a local stream of the same media type; it is
     * accepted with the codecs both sides have (in the offer's order, under the offer's payload types), the
     * direction the offer allows and SRTP as the policy says, or rejected with port 0. When no stream can be
     * accepted the outcome is {@link Outcome.Failed} (488). On failure the session is left as it was.
     */
    public Outcome createAnswer(SessionDescription offer) {
        try {
            return answer(offer);
        } catch (IllegalArgumentException | ParseError e) {
            return new Outcome.Failed(488, "malformed offer: " + e.getMessage());
        }
    }

    private Outcome answer(SessionDescription offer) {
        List<MediaDescription> offered = offer.media();
        if (offered.size() < slots.size()) {
            return new Outcome.Failed(488, "offer has " + offered.size() + " m-lines, the session has "
                    + slots.size() + " (RFC 3264 §8: m-lines are never removed)");
        }
        List<Slot> work = copy(slots);
        List<MediaDescription> lines = new ArrayList<>();
        List<NegotiatedMedia> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        StreamAnswerer answerer = new StreamAnswerer(local.srtp(), local.srtpSuites(), random);
        for (int i = 0; i < offered.size(); i++) {
            MediaDescription m = offered.get(i);
            Slot s;
            if (i < work.size()) {
                s = work.get(i);
                if (s.local == null && m.port() != 0) { // §8.1: a rejected m-line may be reused
                    s.media = m.media();
                    s.local = pick(m.media(), work);
                } else if (!s.media.equals(m.media())) {
                    return new Outcome.Failed(488, "offer changes m-line " + i + " from " + s.media + " to "
                            + m.media() + " (RFC 3264 §8.3.1)");
                }
            } else {
                s = new Slot(m.media(), m.proto(), m.port() == 0 ? null : pick(m.media(), work));
                work.add(s);
            }
            s.proto = m.proto();
            s.formats = m.formats();
            if (m.port() == 0) {
                s.local = null;
                lines.add(MediaLines.rejected(m.media(), m.proto(), m.formats()));
                continue;
            }
            String problem = s.local == null ? "no local " + m.media() + " stream"
                    : answerer.answer(i, s, m, wanted(s, false));
            if (problem != null) {
                s.local = null;
                rejected.add("stream " + i + " (" + m.media() + "): " + problem);
                lines.add(MediaLines.rejected(m.media(), m.proto(), m.formats()));
            } else {
                lines.add(answerer.line());
                accepted.add(answerer.media());
            }
        }
        if (accepted.isEmpty() && !offered.isEmpty()) {
            return new Outcome.Failed(488, rejected.isEmpty() ? "all offered streams are disabled"
                    : String.join("; ", rejected));
        }
        slots = work;
        return new Outcome.Negotiated(session(lines), accepted, rejected);
    }

    private LocalStream pick(String media, List<Slot> taken) {
        for (LocalStream ls : streams) {
            if (ls.media().equals(media) && taken.stream().noneMatch(s -> s.local == ls)) {
                return ls;
            }
        }
        return null;
    }

    private static List<Slot> copy(List<Slot> slots) {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            out.add(s.copy());
        }
        return out;
    }

    // ---- processing the answer (§7)

    /**
     * Checks the answer to {@code offer} (the one this side sent) and returns what was negotiated (§6, §7;
     * RFC 4568 §7.1.3 for the keys). The answer must have the offer's m-lines in the same order with the same
     * media types and transports, keep rejected streams rejected, and use payload types from the offer.
     */
    public Outcome acceptAnswer(SessionDescription offer, SessionDescription answer) {
        try {
            List<Slot> work = copy(slots);
            Outcome o = AnswerChecker.check(offer, answer, work);
            if (o instanceof Outcome.Negotiated) {
                slots = work;
            }
            return o;
        } catch (IllegalArgumentException | ParseError e) {
            return new Outcome.Failed(488, "malformed answer: " + e.getMessage());
        }
    }
}
