package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.WavFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto ua --media FILE.wav --record F.wav --srtp required} (the CLI jar, a process of its own) with
 * baresip 1.0 ({@code mediaenc=srtp-mand}), both directions: SDES-SRTP is negotiated, each side plays the 1 kHz WAV
 * and the other side's recording holds it. The in-process API is covered in more cases by {@link BaresipMediaIT}.
 */
class BaresipUaMediaIT {

    @TempDir
    Path dir;

    @Test
    void baresipCallsCallistoUa() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        Path heard = dir.resolve("heard.wav");
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1",
                "--media", tone.toString(), "--record", heard.toString(), "--srtp", "required");
                Baresip alice = Baresip.local("alice").srtp(Baresip.Srtp.MANDATORY).play(tone).record()
                        .start(dir, "alice")) {
            int port = ua.awaitListening(1).port("udp");
            try {
                alice.dial("sip:bob@127.0.0.1:" + port);
                alice.awaitEvent("CALL_ESTABLISHED", 10);
                alice.awaitEvent("CALL_RTPESTAB", 10);
                assertThat(alice.awaitEvent("CALL_MENC", 10).path("param").asText())
                        .isEqualTo("0,audio,AES_CM_128_HMAC_SHA1_80");
                Thread.sleep(2500); // talk
                alice.hangup();
                alice.awaitEvent("CALL_CLOSED", 10);
                assertThat(ua.awaitExit(30)).as(ua.stdout() + ua.stderr()).isZero();
                check(ua.last("media"), heard, alice);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- ua:\n" + ua.stdout() + ua.stderr()
                        + "\n--- baresip:\n" + alice.log(), e);
            }
        }
    }

    @Test
    void callistoUaCallsBaresip() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        Path heard = dir.resolve("heard.wav");
        try (Baresip bob = Baresip.local("bob").srtp(Baresip.Srtp.MANDATORY).autoAnswer(true).play(tone).record()
                .start(dir, "bob")) {
            Cli.Result ua = Cli.run(dir, "ua", 60, "ua", "--bind", "127.0.0.1:0", "--call",
                    "sip:bob@127.0.0.1:" + bob.sipPort(), "--duration-ms", "3000", "--media", tone.toString(),
                    "--record", heard.toString(), "--srtp", "required");
            try {
                assertThat(ua.exitCode()).as(ua.stdout() + ua.stderr()).isZero();
                bob.awaitEvent("CALL_CLOSED", 10);
                assertThat(bob.awaitEvent("CALL_MENC", 0).path("param").asText())
                        .isEqualTo("0,audio,AES_CM_128_HMAC_SHA1_80");
                check(UaEvent.last(ua.stdout(), "media"), heard, bob);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- ua:\n" + ua.stdout() + ua.stderr()
                        + "\n--- baresip:\n" + bob.log(), e);
            }
        }
    }

    private static void check(UaEvent media, Path heard, Baresip peer) throws Exception {
        assertThat(media.get("srtp")).isEqualTo("yes");
        assertThat(media.number("received")).isGreaterThan(100);
        assertThat(media.number("sent")).isGreaterThan(100);
        Tone.assertHeard(WavFile.read(heard), 15, "the ua's recording");
        Tone.assertHeard(peer.recorded(), 15, "baresip's recording");
    }
}
