package io.callisto.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcealmentTest {

    @Test
    void repeatsTheLastFrameFadingToSilenceAfterThreeFrames() {
        Concealment plc = new Concealment(4);
        short[] out = new short[4];
        plc.conceal(out);
        assertThat(out).containsOnly((short) 0); // nothing to repeat yet
        plc.good(new short[] {1000, 1000, 1000, 1000});
        plc.conceal(out);
        assertThat(out[0]).isEqualTo((short) 1000);
        assertThat(out[3]).isLessThan((short) 1000).isGreaterThan((short) 666);
        plc.conceal(out);
        assertThat(out[0]).isEqualTo((short) 667);
        plc.conceal(out);
        assertThat(out[0]).isEqualTo((short) 333);
        assertThat(out[3]).isLessThan((short) 100);
        plc.conceal(out);
        assertThat(out).containsOnly((short) 0);
        plc.good(new short[] {5, 5, 5, 5});
        plc.conceal(out);
        assertThat(out[0]).isEqualTo((short) 5);
        assertThat(plc.concealed()).isEqualTo(6);
        assertThat(out[1]).isEqualTo((short) 5);
    }
}
