package io.callisto.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {

    private static short[] frame(int value) {
        short[] f = new short[Audio.FRAME_SAMPLES];
        java.util.Arrays.fill(f, (short) value);
        return f;
    }

    @Test
    void playsBackInOrderThenSilence() {
        Echo echo = new Echo(3);
        echo.write(frame(1));
        echo.write(frame(2));
        short[] out = new short[Audio.FRAME_SAMPLES];
        assertThat(echo.read(out)).isTrue();
        assertThat(out[0]).isEqualTo((short) 1);
        echo.read(out);
        assertThat(out[Audio.FRAME_SAMPLES - 1]).isEqualTo((short) 2);
        echo.read(out);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void dropsTheOldestWhenFull() {
        Echo echo = new Echo(2);
        for (int i = 1; i <= 4; i++) {
            echo.write(frame(i));
        }
        short[] out = new short[Audio.FRAME_SAMPLES];
        echo.read(out);
        assertThat(out[0]).isEqualTo((short) 3);
        echo.read(out);
        assertThat(out[0]).isEqualTo((short) 4);
    }
}
