package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.WavFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto phone} (the softphone, a process of its own) with baresip 1.0, both directions and SDES-SRTP
 * required on both sides: the 1 kHz WAV each side plays is in the other side's recording, and DTMF digits arrive as
 * sent (baresip's at the phone as {@code dtmf-received} lines, the phone's {@code --dtmf} at baresip).
 */
class PhoneBaresipIT {

    @TempDir
    Path dir;

    @Test
    void baresipCallsThePhone() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        Path heard = dir.resolve("heard.wav");
        try (Cli phone = Cli.start(dir, "phone", "phone", "--bind", "127.0.0.1:0", "--auto-answer", "--play",
                tone.toString(), "--record", heard.toString(), "--srtp", "required", "--exit-after-calls", "1",
                "--rtp-ports", "23000-23999");
                Baresip alice = Baresip.local("alice").srtp(Baresip.Srtp.MANDATORY).play(tone).record()
                        .start(dir, "alice")) {
            int port = phone.awaitListening(1).port("udp");
            try {
                alice.dial("sip:bob@127.0.0.1:" + port);
                alice.awaitEvent("CALL_ESTABLISHED", 10);
                alice.awaitEvent("CALL_RTPESTAB", 10);
                assertThat(alice.awaitEvent("CALL_MENC", 10).path("param").asText())
                        .isEqualTo("0,audio,AES_CM_128_HMAC_SHA1_80");
                alice.sendDtmf("19#", 300);
                phone.await(15, "dtmf-received", 3);
                Thread.sleep(1500); // talk
                alice.hangup();
                alice.awaitEvent("CALL_CLOSED", 10);
                assertThat(phone.awaitExit(30)).as(phone.stdout() + phone.stderr()).isZero();

                List<String> digits = phone.events("dtmf-received").stream().map(e -> e.get("digit"))
                        .collect(Collectors.toList());
                assertThat(digits).containsExactly("1", "9", "#");
                assertThat(phone.last("confirmed").get("srtp")).isEqualTo("yes");
                Tone.assertHeard(WavFile.read(heard), 15, "the phone's recording");
                Tone.assertHeard(alice.recorded(), 15, "baresip's recording");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- phone:\n" + phone.stdout() + phone.stderr()
                        + "\n--- baresip:\n" + alice.log(), e);
            }
        }
    }

    @Test
    void thePhoneCallsBaresip() throws Exception {
        Path tone = Tone.wav(dir.resolve("tone.wav"), 30);
        Path heard = dir.resolve("heard.wav");
        try (Baresip bob = Baresip.local("bob").srtp(Baresip.Srtp.MANDATORY).autoAnswer(true).play(tone).record()
                .start(dir, "bob")) {
            Cli.Result phone = Cli.run(dir, "phone", 60, "phone", "--bind", "127.0.0.1:0", "--call",
                    "sip:bob@127.0.0.1:" + bob.sipPort(), "--dtmf", "50", "--hangup-after-ms", "4000", "--play",
                    tone.toString(), "--record", heard.toString(), "--srtp", "required", "--exit-after-calls", "1",
                    "--rtp-ports", "24000-24999");
            try {
                assertThat(phone.exitCode()).as(phone.stdout() + phone.stderr()).isZero();
                bob.awaitEvent("CALL_CLOSED", 10);
                assertThat(bob.awaitEvent("CALL_MENC", 0).path("param").asText())
                        .isEqualTo("0,audio,AES_CM_128_HMAC_SHA1_80");
                assertThat(UaEvent.last(phone.stdout(), "confirmed").get("srtp")).isEqualTo("yes");
                assertThat(UaEvent.all(phone.stdout(), "dtmf-sent")).hasSize(2);
                assertThat(bob.receivedDigits()).isEqualTo("50");
                Tone.assertHeard(WavFile.read(heard), 15, "the phone's recording");
                Tone.assertHeard(bob.recorded(), 15, "baresip's recording");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- phone:\n" + phone.stdout() + phone.stderr()
                        + "\n--- baresip:\n" + bob.log(), e);
            }
        }
    }
}
