package io.callisto.cli.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.ua.Body;
import org.junit.jupiter.api.Test;

/** Dialled text to SIP URIs, and hold as a peer's SDP says it (RFC 3264 §8.4). */
class TargetsTest {

    @Test
    void numbersAreDialledInTheAccountDomain() {
        assertThat(Targets.resolve("1002", "example.com")).isEqualTo("sip:1002@example.com");
        assertThat(Targets.resolve("bob", "example.com")).isEqualTo("sip:bob@example.com");
        assertThat(Targets.resolve("bob@other.org", "example.com")).isEqualTo("sip:bob@other.org");
        assertThat(Targets.resolve("sip:bob@127.0.0.1:5070", null)).isEqualTo("sip:bob@127.0.0.1:5070");
        assertThat(Targets.resolve("sips:bob@example.com", null)).isEqualTo("sips:bob@example.com");
    }

    @Test
    void badTargetsSayWhy() {
        assertThatThrownBy(() -> Targets.resolve("1002", null)).hasMessageContaining("needs a domain");
        assertThatThrownBy(() -> Targets.resolve("sip:", null)).hasMessageContaining("is not a SIP URI");
        assertThatThrownBy(() -> Targets.resolve("bo b@x", null)).hasMessageContaining("is not a SIP URI");
    }

    @Test
    void sendonlyInactiveAndZeroAddressHoldUs() {
        assertThat(Targets.holdsUs(sdp("a=sendonly\r\n", "127.0.0.1"))).isTrue();
        assertThat(Targets.holdsUs(sdp("a=inactive\r\n", "127.0.0.1"))).isTrue();
        assertThat(Targets.holdsUs(sdp("", "0.0.0.0"))).isTrue();
        assertThat(Targets.holdsUs(sdp("a=sendrecv\r\n", "127.0.0.1"))).isFalse();
        assertThat(Targets.holdsUs(sdp("a=recvonly\r\n", "127.0.0.1"))).isFalse();
        assertThat(Targets.holdsUs(sdp("", "127.0.0.1"))).isFalse();
        assertThat(Targets.holdsUs(Body.sdp("garbage"))).isFalse();
        assertThat(Targets.holdsUs(Body.of("text/plain", "a=sendonly"))).isFalse();
        assertThat(Targets.holdsUs(null)).isFalse();
    }

    private static Body sdp(String attribute, String address) {
        return Body.sdp("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + attribute);
    }
}
