package io.callisto.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.rtp.PortRange;
import io.callisto.media.sdp.Codec;
import io.callisto.media.sdp.NegotiatedMedia;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.transport.Transport;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two user agents with media, over real UDP sockets on loopback: SIP through the public UA API, audio through
 * {@link CallMedia}. Each side plays its own tone and records the other's; Goertzel tells the tones apart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallMediaTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** One party: a SIP stack, a UA and a media engine. */
    private final class Party {
        final UserAgent ua;
        final MediaEngine media;
        final int port;
        final WavRecorder heard = new WavRecorder(30);
        final List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
        volatile CallMedia callMedia;

        Party(String name, MediaOptions options) throws Exception {
            SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0)).threads(1)
                    .build().start();
            closing.add(stack);
            port = stack.listeningPoints().get(0).port();
            ua = UserAgent.create(stack, UserAgentConfig.builder("sip:" + name + "@127.0.0.1:" + port).build());
            media = MediaEngine.start(options);
            closing.add(media);
        }

        CallMedia newMedia(double toneHz) {
            CallMedia m = media.open().join();
            m.source(MediaSource.tone(8000, toneHz));
            m.sink(heard);
            m.onDtmf(digits::add);
            callMedia = m;
            return m;
        }

        /** Answers every call with media; a refused offer is rejected with 488. */
        void answerCalls(double toneHz) {
            ua.onIncomingCall(call -> {
                CallMedia m = newMedia(toneHz);
                m.attach(call);
                var answer = m.answerTo(call);
                if (answer == null) {
                    call.reject(488, "Not Acceptable Here");
                } else {
                    call.answer(answer);
                }
            });
        }

        Call call(Party callee, double toneHz) {
            CallMedia m = newMedia(toneHz);
            Call c = ua.call("sip:callee@127.0.0.1:" + callee.port, m.offer());
            m.attach(c);
            return c;
        }
    }

    private static MediaOptions options(SrtpMode srtp) {
        return MediaOptions.defaults(LOOPBACK).withPorts(PortRange.parse("30000-39999")).withSrtp(srtp)
                .withRtcpInterval(500);
    }

    @Test
    void tonesCrossBothWaysAtOnce() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.OFF));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        waitFor(() -> hears(bob, 1000, 15) && hears(alice, 600, 15));
        Thread.sleep(1000); // a few RTCP reports (every ~0.5 s here) for the round-trip time
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);
        alice.callMedia.closed().get(5, TimeUnit.SECONDS);

        assertThat(Goertzel.windows(bob.heard.samples(), 800, 0.9, 1000)).isGreaterThanOrEqualTo(15);
        assertThat(Goertzel.windows(bob.heard.samples(), 800, 0.05, 600)).isZero();
        assertThat(Goertzel.windows(alice.heard.samples(), 800, 0.9, 600)).isGreaterThanOrEqualTo(15);
        assertThat(Goertzel.windows(alice.heard.samples(), 800, 0.05, 1000)).isZero();
        var stats = bob.callMedia.statistics();
        assertThat(stats.packetsReceived()).isGreaterThan(100);
        assertThat(stats.packetsLost()).isZero();
        assertThat(alice.callMedia.statistics().rttMillis()).isGreaterThanOrEqualTo(0);
        assertThat(alice.callMedia.secure()).isFalse();
        NegotiatedMedia m = alice.callMedia.negotiated().orElseThrow();
        assertThat(m.send().encodingName()).isEqualTo("PCMU");
        assertThat(m.telephoneEvent()).hasValue(101);
    }

    @Test
    void rtcpGoesOverTheRtpPortWhenBothOfferRtcpMux() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OPTIONAL));
        Party bob = new Party("bob", options(SrtpMode.OPTIONAL));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        // RFC 5761 §5.1.1: the offer lists a=rtcp-mux (and still a separate RTCP port); an answer lists it only
        // when the offer did, to take the mux
        assertThat(call.remoteBody().text()).contains("a=rtcp-mux");
        // reports cross both ways (each side learns the round trip), here as SRTCP on the RTP ports: a report
        // the receiver did not tell from RTP would be dropped as an unknown payload type
        waitFor(() -> alice.callMedia.statistics().rttMillis() >= 0 && bob.callMedia.statistics().rttMillis() >= 0);
        waitFor(() -> hears(bob, 1000, 15) && hears(alice, 600, 15));
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);

        assertThat(alice.callMedia.negotiated().orElseThrow().rtcpMux()).isTrue();
        assertThat(bob.callMedia.negotiated().orElseThrow().rtcpMux()).isTrue();
        assertThat(bob.callMedia.statistics().rtcpReceived()).isPositive();
        assertThat(bob.callMedia.statistics().dropped()).isLessThanOrEqualTo(1); // the first packet: probation
        assertThat(alice.callMedia.statistics().dropped()).isLessThanOrEqualTo(1);
    }

    @Test
    void withoutRtcpMuxOnOneSideRtcpKeepsItsOwnPort() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.OFF).withRtcpMux(false));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        assertThat(call.remoteBody().text()).doesNotContain("a=rtcp-mux");
        waitFor(() -> alice.callMedia.statistics().rttMillis() >= 0 && bob.callMedia.statistics().rttMillis() >= 0);
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);

        assertThat(alice.callMedia.negotiated().orElseThrow().rtcpMux()).isFalse();
        assertThat(bob.callMedia.negotiated().orElseThrow().rtcpMux()).isFalse();
    }

    @Test
    void srtpWhenBothRequireIt() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.REQUIRED).withThreads(2)); // calls spread over 2 loops
        Party bob = new Party("bob", options(SrtpMode.OPTIONAL));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        assertThat(call.remoteBody().text()).contains("RTP/SAVP", "a=crypto:");
        waitFor(() -> hears(bob, 1000, 15) && hears(alice, 600, 15));
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);

        assertThat(alice.callMedia.secure()).isTrue();
        assertThat(bob.callMedia.secure()).isTrue();
        assertThat(Goertzel.windows(bob.heard.samples(), 800, 0.9, 1000)).isGreaterThanOrEqualTo(15);
        assertThat(Goertzel.windows(alice.heard.samples(), 800, 0.9, 600)).isGreaterThanOrEqualTo(15);
        // every SRTP packet authenticated: the one "dropped" is the first packet, which waits out the source's
        // probation (RFC 3550 §A.1); a failed authentication would add one per packet
        assertThat(bob.callMedia.statistics().dropped()).isLessThanOrEqualTo(1);
        assertThat(bob.callMedia.statistics().packetsLost()).isZero();
    }

    @Test
    void requiredSrtpRefusesPlainOffer() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.REQUIRED));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        CallEvent end = call.ended().get(10, TimeUnit.SECONDS);
        assertThat(end.status()).isEqualTo(488);
        assertThat(bob.callMedia.failure()).contains("SRTP is required");
    }

    @Test
    void holdStopsMediaAndResumeRestartsIt() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.OFF));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        waitFor(() -> bob.callMedia.statistics().packetsReceived() > 25
                && alice.callMedia.statistics().packetsReceived() > 25);

        assertThat(alice.callMedia.hold().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(alice.callMedia.held()).isTrue();
        NegotiatedMedia bobSide = bob.callMedia.negotiated().orElseThrow();
        assertThat(bobSide.canSend()).isFalse(); // Alice offered sendonly: Bob answers recvonly
        assertThat(call.remoteBody().text()).contains("a=recvonly");
        Thread.sleep(200); // packets in flight arrive
        long bobHeard = bob.callMedia.statistics().packetsReceived();
        long aliceHeard = alice.callMedia.statistics().packetsReceived();
        Thread.sleep(600);
        assertThat(bob.callMedia.statistics().packetsReceived()).isEqualTo(bobHeard);
        assertThat(alice.callMedia.statistics().packetsReceived()).isEqualTo(aliceHeard);

        assertThat(alice.callMedia.resume().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(alice.callMedia.held()).isFalse();
        assertThat(call.remoteBody().text()).contains("a=sendrecv");
        waitFor(() -> bob.callMedia.statistics().packetsReceived() > bobHeard + 25
                && alice.callMedia.statistics().packetsReceived() > aliceHeard + 25);
        call.hangup();
    }

    @Test
    void dtmfAsTelephoneEventsAndAsInfoWithoutThem() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.OFF));
        bob.answerCalls(600);
        Call call = alice.call(bob, 1000);
        call.answered().get(10, TimeUnit.SECONDS);
        waitFor(() -> alice.callMedia.negotiated().isPresent());
        for (char d : "15#".toCharArray()) {
            alice.callMedia.sendDtmf(d, 100);
        }
        waitFor(() -> bob.digits.size() >= 3);
        assertThat(bob.digits).extracting(DtmfDigit::digit).containsExactly('1', '5', '#');
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);

        // a callee that offers no telephone-event: digits go in SIP INFO (application/dtmf-relay)
        Party carol = new Party("carol", options(SrtpMode.OFF).withCodecs(List.of(Codec.PCMA)));
        carol.answerCalls(600);
        Call second = alice.call(carol, 1000);
        second.answered().get(10, TimeUnit.SECONDS);
        waitFor(() -> alice.callMedia.negotiated().isPresent());
        assertThat(alice.callMedia.negotiated().orElseThrow().telephoneEvent()).isEmpty();
        assertThat(alice.callMedia.negotiated().orElseThrow().send().encodingName()).isEqualTo("PCMA");
        alice.callMedia.sendDtmf('9', 160);
        waitFor(() -> carol.digits.size() >= 1);
        assertThat(carol.digits).containsExactly(new DtmfDigit('9', 160));
        waitFor(() -> hears(carol, 1000, 5));
        second.hangup();
    }

    @Test
    void lateOfferIsAnsweredInTheAck() throws Exception {
        Party alice = new Party("alice", options(SrtpMode.OFF));
        Party bob = new Party("bob", options(SrtpMode.OFF));
        bob.answerCalls(600);
        CallMedia m = alice.newMedia(1000);
        Call call = alice.ua.call("sip:bob@127.0.0.1:" + bob.port, null); // INVITE without SDP
        m.attach(call);
        call.answered().get(10, TimeUnit.SECONDS);
        waitFor(() -> hears(bob, 1000, 5) && hears(alice, 600, 5));
        call.hangup();
    }

    /**
     * True once the party's recording holds {@code hz} in at least {@code windows} windows of 100 ms (the tone
     * starts some time into the recording: the answer travels, the jitter buffer fills).
     */
    private static boolean hears(Party p, double hz, int windows) {
        return Goertzel.windows(p.heard.samples(), 800, 0.9, hz) >= windows;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
