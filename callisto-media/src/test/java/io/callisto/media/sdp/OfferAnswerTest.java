package io.callisto.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.srtp.SrtpMode;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Rtpmap;
import io.callisto.sip.sdp.SessionDescription;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferAnswerTest {

    static final SecureRandom RANDOM = new SecureRandom();

    static OfferAnswer alice(SrtpMode srtp, LocalStream... streams) {
        return new OfferAnswer(LocalMedia.of("192.0.2.1", srtp, streams), RANDOM);
    }

    static OfferAnswer bob(SrtpMode srtp, LocalStream... streams) {
        return new OfferAnswer(LocalMedia.of("198.51.100.2", srtp, streams), RANDOM);
    }

    static LocalStream phone(int port) {
        return LocalStream.audio(port, Codec.PCMU, Codec.PCMA, Codec.telephoneEvent(101));
    }

    /** Sends an SDP through its text form, as it would travel in a SIP body. */
    static SessionDescription wire(SessionDescription sdp) {
        return SessionDescription.parse(new String(sdp.toBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    static Outcome.Negotiated ok(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Negotiated.class);
        return (Outcome.Negotiated) o;
    }

    static Outcome.Failed failed(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        return (Outcome.Failed) o;
    }

    @Test
    void basicAudioCallNegotiatesBothSides() {
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000));
        OfferAnswer b = bob(SrtpMode.OFF, LocalStream.audio(6000, Codec.PCMA, Codec.PCMU, Codec.telephoneEvent(100)));
        SessionDescription offer = wire(a.createOffer());
        MediaDescription om = offer.media(0);
        assertThat(om.proto()).isEqualTo("RTP/AVP");
        assertThat(om.formats()).containsExactly("0", "8", "101");
        assertThat(om.fmtp("101").orElseThrow().parameters()).isEqualTo("0-15");
        assertThat(om.rtcpMux()).isTrue();
        assertThat(om.cryptos()).isEmpty();

        Outcome.Negotiated answered = ok(b.createAnswer(offer));
        SessionDescription answer = wire(answered.sdp());
        MediaDescription am = answer.media(0);
        // §6.1: offerer's order, offer's PT for telephone-event
        assertThat(am.formats()).containsExactly("0", "8", "101");
        assertThat(am.port()).isEqualTo(6000);
        assertThat(am.rtcpMux()).isTrue();
        NegotiatedMedia bm = answered.media().get(0);
        assertThat(bm.send()).isEqualTo(Rtpmap.PCMU);
        assertThat(bm.telephoneEvent()).hasValue(101);
        assertThat(bm.remoteAddress()).isEqualTo("192.0.2.1");
        assertThat(bm.remoteRtpPort()).isEqualTo(4000);
        assertThat(bm.rtcpMux()).isTrue();
        assertThat(bm.remoteRtcpPort()).isEqualTo(4000);
        assertThat(bm.canSend()).isTrue();
        assertThat(bm.canReceive()).isTrue();
        assertThat(bm.secure()).isFalse();
        assertThat(bm.ptime()).isEqualTo(20);

        Outcome.Negotiated accepted = ok(a.acceptAnswer(offer, answer));
        NegotiatedMedia am2 = accepted.media().get(0);
        assertThat(am2.send()).isEqualTo(Rtpmap.PCMU);
        assertThat(am2.telephoneEvent()).hasValue(101);
        assertThat(am2.remoteAddress()).isEqualTo("198.51.100.2");
        assertThat(am2.remoteRtpPort()).isEqualTo(6000);
        assertThat(am2.receive()).extracting(Rtpmap::payloadType).containsExactly(0, 8, 101);
        assertThat(accepted.rejected()).isEmpty();
    }

    @Test
    void rfc3264BasicExchangeRejectsTheVideoStreamWithoutACommonCodec() {
        // RFC 3264 §10.1: Alice offers audio PCMU and two video streams (H.261, MPV); Bob takes only MPV video
        SessionDescription offer = SessionDescription.parse("v=0\r\n"
                + "o=alice 2890844526 2890844526 IN IP4 host.anywhere.com\r\n" + "s=\r\n"
                + "c=IN IP4 host.anywhere.com\r\n" + "t=0 0\r\n" + "m=audio 49170 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n" + "m=video 51372 RTP/AVP 31\r\n" + "a=rtpmap:31 H261/90000\r\n"
                + "m=video 53000 RTP/AVP 32\r\n" + "a=rtpmap:32 MPV/90000\r\n");
        LocalStream video = new LocalStream("video", 53000, 0, false, List.of(Codec.of(Rtpmap.of(32, "MPV", 90000))),
                0, Direction.SENDRECV);
        OfferAnswer b = bob(SrtpMode.OFF, LocalStream.audio(49920, Codec.PCMU).withRtcpMux(false), video);
        Outcome.Negotiated n = ok(b.createAnswer(offer));
        SessionDescription answer = wire(n.sdp());
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(49920, 0, 53000);
        assertThat(answer.media(1).formats()).containsExactly("31");
        assertThat(answer.media(2).formats()).containsExactly("32");
        assertThat(n.media()).extracting(NegotiatedMedia::index).containsExactly(0, 2);
        assertThat(n.media().get(0).remoteAddress()).isEqualTo("host.anywhere.com");
        assertThat(n.media().get(0).remoteRtcpPort()).isEqualTo(49171);
        assertThat(n.rejected()).singleElement().asString().contains("stream 1 (video)", "no common codec");

        // Bob's later offer keeps the three m-lines, the rejected one with port 0 (§8.2), and bumps the version
        b.addStream(LocalStream.audio(51434, Codec.PCMU).withDirection(Direction.RECVONLY));
        SessionDescription reoffer = wire(b.createOffer());
        assertThat(reoffer.media()).extracting(MediaDescription::port).containsExactly(49920, 0, 53000, 51434);
        assertThat(reoffer.media(3).effectiveDirection()).isEqualTo(Direction.RECVONLY);
        assertThat(Long.parseLong(reoffer.origin().sessionVersion()))
                .isEqualTo(Long.parseLong(answer.origin().sessionVersion()) + 1);
        assertThat(reoffer.origin().sessionId()).isEqualTo(answer.origin().sessionId());
    }

    @Test
    void rfc3264OneOfNCodecSelection() {
        // RFC 3264 §10.2: Alice offers 0, 4, 18 inactive; Bob (PCMU and G.723) answers 0 4 inactive; Alice then
        // offers 4 alone sendrecv and Bob accepts it
        String head = "v=0\r\no=alice 2890844526 %d IN IP4 host.anywhere.com\r\ns=\r\n"
                + "c=IN IP4 host.anywhere.com\r\nt=0 0\r\n";
        SessionDescription offer1 = SessionDescription.parse(String.format(head, 2890844526L)
                + "m=audio 62986 RTP/AVP 0 4 18\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:4 G723/8000\r\n"
                + "a=rtpmap:18 G729/8000\r\na=inactive\r\n");
        OfferAnswer b = bob(SrtpMode.OFF, LocalStream.audio(54344, Codec.PCMU, Codec.of(Rtpmap.of(4, "G723", 8000)))
                .withRtcpMux(false).withPtime(0));
        Outcome.Negotiated n1 = ok(b.createAnswer(offer1));
        MediaDescription a1 = wire(n1.sdp()).media(0);
        assertThat(a1.formats()).containsExactly("0", "4");
        assertThat(a1.effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(n1.media().get(0).canSend()).isFalse();
        assertThat(n1.media().get(0).canReceive()).isFalse();
        SessionDescription offer2 = SessionDescription.parse(String.format(head, 2890844527L)
                + "m=audio 62986 RTP/AVP 4\r\na=rtpmap:4 G723/8000\r\na=sendrecv\r\n");
        Outcome.Negotiated n2 = ok(b.createAnswer(offer2));
        SessionDescription a2 = wire(n2.sdp());
        assertThat(a2.media(0).formats()).containsExactly("4");
        assertThat(a2.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(a2.media(0).port()).isEqualTo(54344);
        assertThat(n2.media().get(0).send().encodingName()).isEqualTo("G723");
        assertThat(Long.parseLong(a2.origin().sessionVersion()))
                .isEqualTo(Long.parseLong(wire(n1.sdp()).origin().sessionVersion()) + 1);
    }

    @Test
    void dynamicPayloadTypesKeepTheOffersNumbers() {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 111 98 97 8\r\n"
                + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:98 iLBC/8000\r\na=fmtp:98 mode=30\r\n"
                + "a=rtpmap:97 telephone-event/8000\r\na=fmtp:97 0-16\r\na=ptime:30\r\n");
        Codec ilbc = new Codec(Rtpmap.of(104, "ILBC", 8000), "mode=20");
        OfferAnswer b = bob(SrtpMode.OFF, LocalStream.audio(7000, Codec.PCMA, ilbc, Codec.telephoneEvent(101)));
        Outcome.Negotiated n = ok(b.createAnswer(offer));
        MediaDescription am = wire(n.sdp()).media(0);
        assertThat(am.formats()).containsExactly("98", "97", "8");
        assertThat(am.rtpmap("98").orElseThrow().encodingName()).isEqualTo("ILBC");
        assertThat(am.fmtp("98").orElseThrow().parameters()).isEqualTo("mode=20");
        assertThat(am.rtpmap("97").orElseThrow().encodingName()).isEqualTo("telephone-event");
        NegotiatedMedia m = n.media().get(0);
        assertThat(m.send().payloadType()).isEqualTo(98);
        assertThat(m.telephoneEvent()).hasValue(97);
        assertThat(m.ptime()).isEqualTo(30);
        assertThat(m.rtcpMux()).isFalse();
    }

    @Test
    void noCommonCodecFailsWith488() {
        OfferAnswer a = alice(SrtpMode.OFF, LocalStream.audio(4000, Codec.PCMU, Codec.telephoneEvent(101)));
        OfferAnswer b = bob(SrtpMode.OFF, LocalStream.audio(6000, Codec.PCMA, Codec.telephoneEvent(101)));
        SessionDescription before = b.createOffer();
        Outcome.Failed f = failed(b.createAnswer(wire(a.createOffer())));
        assertThat(f.status()).isEqualTo(488);
        assertThat(f.reason()).contains("no common codec");
        // a failed answer does not change the session: the next offer still follows the last one
        assertThat(Long.parseLong(b.createOffer().origin().sessionVersion()))
                .isEqualTo(Long.parseLong(before.origin().sessionVersion()) + 1);
    }

    @ParameterizedTest(name = "offer {0}, answerer wants {1} -> answer {2}")
    @CsvSource({
        "SENDRECV, SENDRECV, SENDRECV", "SENDRECV, SENDONLY, SENDONLY", "SENDRECV, RECVONLY, RECVONLY",
        "SENDRECV, INACTIVE, INACTIVE", "SENDONLY, SENDRECV, RECVONLY", "SENDONLY, SENDONLY, INACTIVE",
        "SENDONLY, RECVONLY, RECVONLY", "RECVONLY, SENDRECV, SENDONLY", "RECVONLY, RECVONLY, INACTIVE",
        "RECVONLY, SENDONLY, SENDONLY", "INACTIVE, SENDRECV, INACTIVE", "INACTIVE, SENDONLY, INACTIVE"
    })
    void directionTable(Direction offered, Direction wanted, Direction expected) {
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000).withDirection(offered));
        OfferAnswer b = bob(SrtpMode.OFF, phone(6000).withDirection(wanted));
        SessionDescription offer = wire(a.createOffer());
        Outcome.Negotiated n = ok(b.createAnswer(offer));
        SessionDescription answer = wire(n.sdp());
        assertThat(answer.media(0).effectiveDirection()).isEqualTo(expected);
        assertThat(n.media().get(0).canSend()).isEqualTo(expected.sends());
        assertThat(n.media().get(0).canReceive()).isEqualTo(expected.receives());
        NegotiatedMedia am = ok(a.acceptAnswer(offer, answer)).media().get(0);
        assertThat(am.canSend()).isEqualTo(expected.receives());
        assertThat(am.canReceive()).isEqualTo(expected.sends());
    }

    @Test
    void holdAndResume() {
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000));
        OfferAnswer b = bob(SrtpMode.OFF, phone(6000));
        SessionDescription o1 = wire(a.createOffer());
        ok(a.acceptAnswer(o1, wire(ok(b.createAnswer(o1)).sdp())));

        a.hold();
        SessionDescription o2 = wire(a.createOffer());
        assertThat(o2.media(0).effectiveDirection()).isEqualTo(Direction.SENDONLY);
        assertThat(Long.parseLong(o2.origin().sessionVersion()))
                .isEqualTo(Long.parseLong(o1.origin().sessionVersion()) + 1);
        SessionDescription a2 = wire(ok(b.createAnswer(o2)).sdp());
        assertThat(a2.media(0).effectiveDirection()).isEqualTo(Direction.RECVONLY);
        NegotiatedMedia held = ok(a.acceptAnswer(o2, a2)).media().get(0);
        assertThat(held.canSend()).isTrue();
        assertThat(held.canReceive()).isFalse();

        // Bob, held, holds too: he does not send today, so his offer says inactive (RFC 3264 §8.4)
        b.hold();
        SessionDescription o3 = wire(b.createOffer());
        assertThat(o3.media(0).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        SessionDescription a3 = wire(ok(a.createAnswer(o3)).sdp());
        assertThat(a3.media(0).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        ok(b.acceptAnswer(o3, a3));

        // Alice resumes; Bob still holds and answers sendonly (RFC 6337 §5.3)
        a.resume();
        SessionDescription o4 = wire(a.createOffer());
        assertThat(o4.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        SessionDescription a4 = wire(ok(b.createAnswer(o4)).sdp());
        assertThat(a4.media(0).effectiveDirection()).isEqualTo(Direction.SENDONLY);
        // Bob resumes: both ways again
        b.resume();
        SessionDescription o5 = wire(b.createOffer());
        SessionDescription a5 = wire(ok(a.createAnswer(o5)).sdp());
        assertThat(a5.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        NegotiatedMedia resumed = ok(b.acceptAnswer(o5, a5)).media().get(0);
        assertThat(resumed.canSend()).isTrue();
        assertThat(resumed.canReceive()).isTrue();
    }

    @Test
    void streamRejectedByTheAnswererStaysRejectedInLaterOffers() {
        LocalStream video = new LocalStream("video", 4002, 0, false,
                List.of(Codec.of(Rtpmap.of(96, "H264", 90000))), 0, Direction.SENDRECV);
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000), video);
        OfferAnswer b = bob(SrtpMode.OFF, phone(6000));
        SessionDescription offer = wire(a.createOffer());
        SessionDescription answer = wire(ok(b.createAnswer(offer)).sdp());
        assertThat(answer.media(1).port()).isZero();
        Outcome.Negotiated n = ok(a.acceptAnswer(offer, answer));
        assertThat(n.media()).hasSize(1);
        assertThat(n.rejected()).singleElement().asString().contains("rejected by the answerer");
        SessionDescription next = wire(a.createOffer());
        assertThat(next.media()).extracting(MediaDescription::port).containsExactly(4000, 0);
        assertThat(next.media(1).media()).isEqualTo("video");
    }

    @Test
    void removedStreamGetsPortZero() {
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000), phone(4002));
        OfferAnswer b = bob(SrtpMode.OFF, phone(6000), phone(6002));
        SessionDescription o1 = wire(a.createOffer());
        assertThat(ok(a.acceptAnswer(o1, wire(ok(b.createAnswer(o1)).sdp()))).media()).hasSize(2);
        a.removeStream(1);
        SessionDescription o2 = wire(a.createOffer());
        assertThat(o2.media()).extracting(MediaDescription::port).containsExactly(4000, 0);
        Outcome.Negotiated n = ok(b.createAnswer(o2));
        assertThat(n.media()).hasSize(1);
        assertThat(wire(n.sdp()).media(1).port()).isZero();
        assertThat(ok(a.acceptAnswer(o2, wire(n.sdp()))).media()).hasSize(1);
    }

    @Test
    void rtcpAttributeAndHoldAddress() {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\na=rtcp:5010 IN IP4 192.0.2.77\r\n");
        NegotiatedMedia m = ok(bob(SrtpMode.OFF, phone(6000).withRtcpPort(6005)).createAnswer(offer)).media().get(0);
        assertThat(m.remoteRtcpPort()).isEqualTo(5010);
        assertThat(m.remoteRtcpAddress()).isEqualTo("192.0.2.77");
        assertThat(m.rtcpMux()).isFalse(); // not offered
        assertThat(m.canSend()).isFalse(); // RFC 3264 §8.4: nothing is sent to 0.0.0.0
        assertThat(m.canReceive()).isTrue();
        SessionDescription answer = wire(bob(SrtpMode.OFF, phone(6000).withRtcpPort(6005)).createAnswer(offer)
                instanceof Outcome.Negotiated n ? n.sdp() : null);
        assertThat(answer.media(0).rtcp().orElseThrow().port()).isEqualTo(6005);
        assertThat(answer.media(0).rtcpMux()).isFalse();
    }

    @Test
    void malformedAndContradictoryAnswersAreClearErrors() {
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000), phone(4002));
        SessionDescription offer = wire(a.createOffer());
        String head = "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n";
        String audio = "m=audio 5004 RTP/AVP 0\r\n";
        assertThat(failed(a.acceptAnswer(offer, SessionDescription.parse(head + audio))).reason())
                .contains("1 m-lines, the offer had 2");
        assertThat(failed(a.acceptAnswer(offer, SessionDescription.parse(head + audio + "m=video 5006 RTP/AVP 0\r\n")))
                .reason()).contains("m-line 1 is video");
        assertThat(failed(a.acceptAnswer(offer, SessionDescription.parse(head + audio + "m=audio 5006 RTP/SAVP 0\r\n")))
                .reason()).contains("transport");
        Outcome.Negotiated n = ok(a.acceptAnswer(offer,
                SessionDescription.parse(head + audio + "m=audio 5006 RTP/AVP 9\r\n")));
        assertThat(n.rejected()).singleElement().asString().contains("no codec from the offer");
        assertThat(failed(a.acceptAnswer(offer, SessionDescription.parse(
                "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nt=0 0\r\n" + audio + audio))).reason())
                .contains("no c= line");
    }

    @Test
    void malformedOffersAreClearErrors() {
        OfferAnswer b = bob(SrtpMode.OFF, phone(6000));
        assertThat(failed(b.createAnswer(SessionDescription.parse(
                "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n"))).reason())
                .contains("malformed offer", "no c= line");
        assertThat(failed(b.createAnswer(SessionDescription.parse(
                "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                        + "m=audio 5004 UDP/TLS/RTP/SAVP 0\r\n"))).reason()).contains("unsupported transport");
        // an offer that drops m-lines of the session (§8)
        OfferAnswer a = alice(SrtpMode.OFF, phone(4000), phone(4002));
        OfferAnswer b2 = bob(SrtpMode.OFF, phone(6000), phone(6002));
        ok(b2.createAnswer(wire(a.createOffer())));
        assertThat(failed(b2.createAnswer(SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n"))).reason()).contains("never removed");
        // random garbage in attributes never escapes as an exception
        Random r = new Random(11);
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\n"
                    + "t=0 0\r\nm=audio 5004 RTP/AVP 0 8 96\r\n");
            for (String attr : new String[] {"rtpmap:96 ", "fmtp:96 ", "ptime:", "rtcp:", "crypto:1 ", "sendonly"}) {
                sb.append("a=").append(attr).append(Long.toString(r.nextLong(), 36 - r.nextInt(20))).append("\r\n");
            }
            assertThat(bob(SrtpMode.OPTIONAL, phone(6000)).createAnswer(SessionDescription.parse(sb.toString())))
                    .isNotNull();
        }
    }
}
