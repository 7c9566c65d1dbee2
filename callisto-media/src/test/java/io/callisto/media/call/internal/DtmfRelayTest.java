package io.callisto.media.call.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.Parameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DtmfRelayTest {

    private static final MediaType RELAY = new MediaType("application", "dtmf-relay", Parameters.EMPTY);
    private static final MediaType DTMF = new MediaType("application", "dtmf", Parameters.EMPTY);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatItReads() {
        String body = DtmfRelay.body('#', 160);
        assertThat(body).isEqualTo("Signal=#\r\nDuration=160\r\n");
        assertThat(DtmfRelay.parse(RELAY, b(body))).contains(new DtmfDigit('#', 160));
    }

    @Test
    void readsTheCommonVariants() {
        assertThat(DtmfRelay.parse(RELAY, b("signal= 5\nduration = 250\n"))).contains(new DtmfDigit('5', 250));
        assertThat(DtmfRelay.parse(RELAY, b("Signal=a\r\n"))).contains(new DtmfDigit('A', 250));
        assertThat(DtmfRelay.parse(DTMF, b("7"))).contains(new DtmfDigit('7', 250));
    }

    @Test
    void refusesWhatIsNotADigit() {
        assertThat(DtmfRelay.parse(RELAY, b("Signal=12\r\n"))).isEmpty();
        assertThat(DtmfRelay.parse(RELAY, b("Signal=x\r\n"))).isEmpty();
        assertThat(DtmfRelay.parse(RELAY, b("Duration=100\r\n"))).isEmpty();
        assertThat(DtmfRelay.parse(RELAY, b("Signal=1\r\nDuration=ten\r\n"))).isEmpty();
        assertThat(DtmfRelay.parse(new MediaType("application", "sdp", Parameters.EMPTY), b("Signal=1"))).isEmpty();
        assertThat(DtmfRelay.parse(RELAY, new byte[0])).isEmpty();
        assertThat(DtmfRelay.parse(null, b("Signal=1"))).isEmpty();
        assertThat(DtmfRelay.parse(RELAY, b("Signal=1\r\n" + "x".repeat(600)))).isEmpty();
    }
}
