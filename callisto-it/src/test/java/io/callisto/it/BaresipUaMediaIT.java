package io.callisto.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto ua --media FILE.wav --record F.wav --srtp required} (the CLI jar, a process of its own) with
 * baresip 1.0 ({@code mediaenc=srtp-mand}), both directions: SDES-SRTP is negotiated, each side plays the 1 kHz WAV
 * and the other side's recording holds it, and the {@code media} line counts the packets ({@link BaresipSrtpCall}
 * has the checks). The in-process API is covered in more cases by {@link BaresipMediaIT}.
 */
class BaresipUaMediaIT {

    @TempDir
    Path dir;

    @Test
    void baresipCallsCallistoUa() throws Exception {
        BaresipSrtpCall call = BaresipSrtpCall.in(dir);
        call.baresipCalls("ua", new String[] {"ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1",
                "--media", call.tone.toString(), "--record", call.heard.toString(), "--srtp", "required"},
                (ua, alice) -> Thread.sleep(2500), // talk
                (output, alice) -> { });
    }

    @Test
    void callistoUaCallsBaresip() throws Exception {
        BaresipSrtpCall call = BaresipSrtpCall.in(dir);
        call.callsBaresip("ua", bob -> new String[] {"ua", "--bind", "127.0.0.1:0", "--call", bob,
                "--duration-ms", "3000", "--media", call.tone.toString(), "--record", call.heard.toString(),
                "--srtp", "required"},
                (output, bob) -> { });
    }
}
