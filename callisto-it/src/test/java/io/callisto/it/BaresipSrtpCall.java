package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.WavFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One call between a Callisto process of its own ({@code bin/callisto ua} or {@code phone}, the CLI jar) and baresip
 * 1.0 ({@link Baresip}), SDES-SRTP required on both sides ({@code --srtp required}, {@code mediaenc=srtp-mand}),
 * each side playing the 1 kHz WAV {@link #tone} and recording what it receives (Callisto into {@link #heard}): the
 * set-up and checks shared by {@link BaresipUaMediaIT} and {@link PhoneBaresipIT}. After every call:
 * <ul>
 *   <li>the process exited with 0 and baresip saw the call close;</li>
 *   <li>baresip reports SRTP with {@value #SUITE};</li>
 *   <li>the process's {@code media} line: SRTP, more than 100 packets sent and received (2 s and more of talk at
 *       20 ms), and the call named as on its {@code ended} line;</li>
 *   <li>the tone is in both recordings for 1.5 s or more.</li>
 * </ul>
 * A failure carries the output of both sides.
 */
final class BaresipSrtpCall {

    /** baresip's {@code CALL_MENC} parameter once SRTP is up: the one suite baresip 1.0 offers. */
    static final String SUITE = "0,audio,AES_CM_128_HMAC_SHA1_80";

    /** What a test does while the call is up (talk, DTMF), with the Callisto process and baresip. */
    @FunctionalInterface
    interface During {
        void run(Cli callisto, Baresip peer) throws Exception;
    }

    /** What a test checks after the call besides the shared checks: the process's output and baresip. */
    @FunctionalInterface
    interface After {
        void check(String output, Baresip peer) throws Exception;
    }

    private final Path dir;
    /** 30 s of the tone, the WAV both sides play. */
    final Path tone;
    /** Where the Callisto process must record what it receives ({@code --record}). */
    final Path heard;

    private BaresipSrtpCall(Path dir, Path tone, Path heard) {
        this.dir = dir;
        this.tone = tone;
        this.heard = heard;
    }

    /** A call whose files are in {@code dir}; writes the tone. */
    static BaresipSrtpCall in(Path dir) throws IOException {
        return new BaresipSrtpCall(dir, Tone.wav(dir.resolve("tone.wav"), 30), dir.resolve("heard.wav"));
    }

    /**
     * baresip (alice) dials the process started with {@code args}, which must listen on one UDP port, answer one
     * call and then exit. Once baresip has SRTP up, {@code during} runs; then baresip hangs up.
     */
    void baresipCalls(String name, String[] args, During during, After after) throws Exception {
        baresipCalls(name, args, false, during, after);
    }

    /** As {@link #baresipCalls(String, String[], During, After)}, with the phone's console open ({@link Cli#send}). */
    void baresipCallsWithConsole(String name, String[] args, During during, After after) throws Exception {
        baresipCalls(name, args, true, during, after);
    }

    private void baresipCalls(String name, String[] args, boolean console, During during, After after)
            throws Exception {
        try (Cli callisto = console ? Cli.startInteractive(dir, name, args) : Cli.start(dir, name, args);
             Baresip alice = Baresip.local("alice").srtp(Baresip.Srtp.MANDATORY).play(tone).record()
                     .start(dir, "alice")) {
            int port = callisto.awaitListening(1).port("udp");
            try {
                alice.dial("sip:bob@127.0.0.1:" + port);
                alice.awaitEvent("CALL_ESTABLISHED", 10);
                alice.awaitEvent("CALL_RTPESTAB", 10);
                assertThat(alice.awaitEvent("CALL_MENC", 10).path("param").asText()).isEqualTo(SUITE);
                during.run(callisto, alice);
                alice.hangup();
                alice.awaitEvent("CALL_CLOSED", 10);
                assertThat(callisto.awaitExit(30)).as(callisto.stdout() + callisto.stderr()).isZero();
                check(callisto.stdout(), alice, after);
            } catch (AssertionError e) {
                throw diagnosed(e, name, callisto.stdout() + callisto.stderr(), alice);
            }
        }
    }

    /**
     * The process started with {@code args} (given baresip's URI, bob, who answers at once) calls baresip, ends the
     * call by itself and exits within 60 s.
     */
    void callsBaresip(String name, Function<String, String[]> args, After after) throws Exception {
        try (Baresip bob = Baresip.local("bob").srtp(Baresip.Srtp.MANDATORY).autoAnswer(true).play(tone).record()
                .start(dir, "bob")) {
            Cli.Result callisto = Cli.run(dir, name, 60, args.apply("sip:bob@127.0.0.1:" + bob.sipPort()));
            try {
                assertThat(callisto.exitCode()).as(callisto.stdout() + callisto.stderr()).isZero();
                bob.awaitEvent("CALL_CLOSED", 10);
                assertThat(bob.awaitEvent("CALL_MENC", 0).path("param").asText()).isEqualTo(SUITE);
                check(callisto.stdout(), bob, after);
            } catch (AssertionError e) {
                throw diagnosed(e, name, callisto.stdout() + callisto.stderr(), bob);
            }
        }
    }

    private void check(String output, Baresip peer, After after) throws Exception {
        after.check(output, peer);
        UaEvent media = UaEvent.last(output, "media");
        assertThat(media.get("call")).as("the call's name on its media line").isEqualTo(
                UaEvent.last(output, "ended").get("call"));
        assertThat(media.get("srtp")).isEqualTo("yes");
        assertThat(media.number("received")).isGreaterThan(100);
        assertThat(media.number("sent")).isGreaterThan(100);
        Tone.assertHeard(WavFile.read(heard), 15, "Callisto's recording");
        Tone.assertHeard(peer.recorded(), 15, "baresip's recording");
    }

    private static AssertionError diagnosed(AssertionError e, String name, String output, Baresip peer) {
        return new AssertionError(e.getMessage() + "\n--- " + name + ":\n" + output + "\n--- baresip:\n" + peer.log(),
                e);
    }
}
