package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Baresip} fixture itself, baresip calling baresip on loopback: the call is set up and answered through
 * ctrl_tcp, the 1 kHz WAV played by one side is in the other side's recording, DTMF digits sent with sndcode arrive
 * as CALL_DTMF_START events, and SRTP (SDES) is negotiated when both insist on it.
 */
class BaresipFixtureIT {

    @TempDir
    Path dir;

    @Test
    void plainCallCarriesToneAndDtmf() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        try (Baresip bob = Baresip.local("bob").record().start(dir, "bob");
                Baresip alice = Baresip.local("alice").play(tone).start(dir, "alice")) {
            alice.dial("sip:bob@127.0.0.1:" + bob.sipPort());
            bob.awaitEvent("CALL_INCOMING", 10);
            bob.answer();
            alice.awaitEvent("CALL_ESTABLISHED", 10);
            bob.awaitEvent("CALL_RTPESTAB", 10);
            alice.sendDtmf("19#*", 300);
            Thread.sleep(2000); // audio to record
            alice.hangup();
            bob.awaitEvent("CALL_CLOSED", 10);
            assertThat(bob.receivedDigits()).isEqualTo("19#*");
            assertThat(bob.awaitEvent("CALL_ESTABLISHED", 0).path("param").asText()).isEqualTo("sip:alice@127.0.0.1");
            Tone.assertHeard(bob.recorded(), 15, "bob's recording");
        }
    }

    @Test
    void mandatorySrtpBothWays() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        try (Baresip bob = Baresip.local("bob").srtp(Baresip.Srtp.MANDATORY).autoAnswer(true).play(tone).record()
                        .start(dir, "bob");
                Baresip alice = Baresip.local("alice").srtp(Baresip.Srtp.MANDATORY).play(tone).record()
                        .start(dir, "alice")) {
            alice.dial("sip:bob@127.0.0.1:" + bob.sipPort());
            assertThat(alice.awaitEvent("CALL_MENC", 10).path("param").asText())
                    .isEqualTo("0,audio,AES_CM_128_HMAC_SHA1_80");
            alice.awaitEvent("CALL_ESTABLISHED", 10);
            bob.awaitEvent("CALL_RTPESTAB", 10);
            alice.awaitEvent("CALL_RTPESTAB", 10);
            Thread.sleep(2000);
            alice.hangup();
            alice.awaitEvent("CALL_CLOSED", 10);
            bob.awaitEvent("CALL_CLOSED", 10);
            Tone.assertHeard(bob.recorded(), 15, "bob's recording");
            Tone.assertHeard(alice.recorded(), 15, "alice's recording");
        }
    }
}
