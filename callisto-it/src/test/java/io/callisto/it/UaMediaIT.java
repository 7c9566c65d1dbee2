package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.WavFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callisto ua --media}: two command-line UAs carry real RTP. The callee echoes what it hears; the caller sends
 * a 1 kHz tone and records what comes back, so the tone has crossed the loopback twice, through both UAs' RTP
 * sessions, jitter buffers and G.711 codecs. Then the same with SRTP required on both sides.
 */
class UaMediaIT {

    @Test
    void toneComesBackThroughAnEchoingCallee(@TempDir Path dir) throws Exception {
        call(dir, "off");
    }

    @Test
    void toneComesBackOverSrtp(@TempDir Path dir) throws Exception {
        call(dir, "required");
    }

    private static void call(Path dir, String srtp) throws Exception {
        Path heard = dir.resolve("heard.wav");
        try (Cli callee = Cli.start(dir, "callee", "ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1",
                "--media", "echo", "--srtp", srtp, "--rtp-ports", "21000-21999")) {
            int port = callee.awaitListening(2).port("udp");
            Cli.Result caller = Cli.run(dir, "caller", 60, "ua", "--bind", "127.0.0.1:0", "--call",
                    "sip:echo@127.0.0.1:" + port, "--duration-ms", "3000", "--media", "tone", "--record",
                    heard.toString(), "--srtp", srtp, "--rtp-ports", "22000-22999");
            assertThat(caller.exitCode()).as(caller.stdout() + caller.stderr()).isZero();
            assertThat(callee.awaitExit(30)).as(callee.stdout() + callee.stderr()).isZero();

            UaEvent media = UaEvent.last(caller.stdout(), "media");
            assertThat(media.get("srtp")).isEqualTo(srtp.equals("off") ? "no" : "yes");
            // a 3 s call is 150 packets each way at 20 ms; the answer and the echo's start take a part of it
            assertThat(media.number("sent")).isGreaterThan(50);
            assertThat(media.number("received")).isGreaterThan(50);
            assertThat(media.number("lost")).isZero();
            assertThat(callee.last("media").number("received")).isGreaterThan(50);
            // the media line names the call as the call's other lines do: by Call-ID
            assertThat(media.get("call")).isEqualTo(UaEvent.last(caller.stdout(), "answered").get("call"));
            assertThat(callee.last("media").get("call")).isEqualTo(callee.last("incoming").get("call"));

            short[] samples = WavFile.read(heard);
            assertThat(samples.length).isGreaterThan(8000 * 2);
            // the echo comes back after the callee's jitter buffer: most 100 ms windows hold the tone
            assertThat(Goertzel.windows(samples, 800, 0.9, 1000)).isGreaterThanOrEqualTo(15);
            assertThat(Goertzel.windows(samples, 800, 0.05, 1500)).isZero();
        }
    }
}
