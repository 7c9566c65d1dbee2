package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void readsLiteralsOnly() throws Exception {
        assertThat(IpLiterals.parse("192.0.2.1")).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(IpLiterals.parse("[2001:db8::1]")).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(IpLiterals.parse("2001:db8::1")).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(IpLiterals.parse("example.com")).isNull();
        assertThat(IpLiterals.parse("1.2.3")).isNull();
        assertThat(IpLiterals.parse("256.1.1.1")).isNull();
        assertThat(IpLiterals.parse("1.2.3.4.5")).isNull();
        assertThat(IpLiterals.parse("[::1")).isNull();
        assertThat(IpLiterals.parse("fe80::1%eth0")).isNull(); // zones are not written in SIP hosts
        assertThat(IpLiterals.parse("")).isNull();
    }

    @Test
    void dottedQuadsAreReadAsFourDecimalBytes() throws Exception {
        assertThat(IpLiterals.parse("255.255.255.255").getAddress())
                .containsExactly((byte) 255, (byte) 255, (byte) 255, (byte) 255);
        assertThat(IpLiterals.parse("0.0.0.0")).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(IpLiterals.parse("127.0.0.1")).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(IpLiterals.parse("010.001.1.99").getAddress()).containsExactly(10, 1, 1, 99); // §25.1: decimal
        for (String bad : new String[] {"1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.", "1.2.3.1000", "1.2.3.a", "1.2.3.-1"}) {
            assertThat(IpLiterals.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void normalizesForComparison() {
        assertThat(IpLiterals.normalize("[::1]")).isEqualTo(IpLiterals.normalize("0:0:0:0:0:0:0:1"));
        assertThat(IpLiterals.normalize("SIP.Example.COM")).isEqualTo("sip.example.com");
    }

    @Test
    void sameAddressComparesLiteralsByValue() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.10");
        assertThat(IpLiterals.sameAddress("192.0.2.10", v4)).isTrue();
        assertThat(IpLiterals.sameAddress("192.0.2.1", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("192.0.2.100", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("10.0.2.10", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("example.com", v4)).isFalse();
        assertThat(IpLiterals.sameAddress("[::1]", InetAddress.getByName("::1"))).isTrue();
        assertThat(IpLiterals.sameAddress("::2", InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void ipv6TextIsCompressedAsRfc5952Says() throws Exception {
        assertThat(IpLiterals.text(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(IpLiterals.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(IpLiterals.text(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiterals.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpLiterals.text(InetAddress.getByName("fe80::1:0:0"))).isEqualTo("fe80::1:0:0");
        assertThat(IpLiterals.text(InetAddress.getByName("1:0:0:0:0:0:0:0"))).isEqualTo("1::");
        assertThat(IpLiterals.text(InetAddress.getByName("192.0.2.1"))).isEqualTo("192.0.2.1");
    }
}
