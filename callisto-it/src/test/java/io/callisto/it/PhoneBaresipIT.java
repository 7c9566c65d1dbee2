package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto phone} (the softphone, a process of its own) with baresip 1.0, both directions and SDES-SRTP
 * required on both sides: the 1 kHz WAV each side plays is in the other side's recording ({@link BaresipSrtpCall}
 * has those checks), and DTMF digits arrive as sent (baresip's at the phone as {@code dtmf-received} lines, the
 * phone's {@code --dtmf} at baresip).
 */
class PhoneBaresipIT {

    @TempDir
    Path dir;

    @Test
    void baresipCallsThePhone() throws Exception {
        BaresipSrtpCall call = BaresipSrtpCall.in(dir);
        call.baresipCalls("phone", new String[] {"phone", "--bind", "127.0.0.1:0", "--auto-answer", "--play",
                call.tone.toString(), "--record", call.heard.toString(), "--srtp", "required", "--exit-after-calls",
                "1", "--rtp-ports", "23000-23999"},
                (phone, alice) -> {
                    alice.sendDtmf("19#", 300);
                    phone.await(15, "dtmf-received", 3);
                    Thread.sleep(2000); // talk: with the digits, over 2 s of audio (more than 100 packets)
                },
                (output, alice) -> {
                    assertThat(UaEvent.all(output, "dtmf-received").stream().map(e -> e.get("digit"))
                            .collect(Collectors.toList())).containsExactly("1", "9", "#");
                    assertThat(UaEvent.last(output, "confirmed").get("srtp")).isEqualTo("yes");
                });
    }

    @Test
    void thePhoneCallsBaresip() throws Exception {
        BaresipSrtpCall call = BaresipSrtpCall.in(dir);
        call.callsBaresip("phone", bob -> new String[] {"phone", "--bind", "127.0.0.1:0", "--call", bob, "--dtmf",
                "50", "--hangup-after-ms", "4000", "--play", call.tone.toString(), "--record", call.heard.toString(),
                "--srtp", "required", "--exit-after-calls", "1", "--rtp-ports", "24000-24999"},
                (output, bob) -> {
                    assertThat(UaEvent.last(output, "confirmed").get("srtp")).isEqualTo("yes");
                    assertThat(UaEvent.all(output, "dtmf-sent")).hasSize(2);
                    assertThat(bob.receivedDigits()).isEqualTo("50");
                });
    }
}
