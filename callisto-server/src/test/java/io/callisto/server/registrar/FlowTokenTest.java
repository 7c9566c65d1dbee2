package io.callisto.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class FlowTokenTest {

    @Test
    void roundTripsIpv4AndIpv6Flows() {
        Flow v4 = new Flow(Transport.TLS, new InetSocketAddress("127.0.0.1", 5061),
                new InetSocketAddress("203.0.113.5", 40312), 99);
        Flow v6 = new Flow(Transport.UDP, new InetSocketAddress("::1", 5060),
                new InetSocketAddress("2001:db8::7", 5070), 0);

        assertThat(FlowToken.of(v4)).isEqualTo("tls/127.0.0.1:5061/203.0.113.5:40312/99");
        assertThat(FlowToken.parse(FlowToken.of(v4))).isEqualTo(v4);
        assertThat(FlowToken.of(v6)).isEqualTo("udp/[0:0:0:0:0:0:0:1]:5060/[2001:db8:0:0:0:0:0:7]:5070/0");
        assertThat(FlowToken.parse(FlowToken.of(v6))).isEqualTo(v6);
    }

    @Test
    void sourcesNameTransportAndFarEnd() {
        Flow f = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060),
                new InetSocketAddress("203.0.113.5", 40312), 0);

        assertThat(FlowToken.source(f)).isEqualTo("udp:203.0.113.5:40312");
        assertThat(FlowToken.sourceAddress("udp:203.0.113.5:40312")).isEqualTo(f.remote());
        assertThat(FlowToken.sourceTransport("tcp:[2001:db8::7]:5060")).isEqualTo(Transport.TCP);
        assertThat(FlowToken.sourceAddress("tcp:[2001:db8::7]:5060"))
                .isEqualTo(new InetSocketAddress("2001:db8::7", 5060));
    }

    @Test
    void anythingElseIsNullAndNoNameIsResolved() {
        for (String bad : new String[] {null, "", "tcp/a/b", "tcp/example.com:5060/192.0.2.1:5/1",
                "tcp/127.0.0.1:5060/192.0.2.1:99999/1", "xyz/127.0.0.1:1/127.0.0.1:2/0",
                "tcp/127.0.0.1:1/127.0.0.1:2/x", "tcp/1.2.3:1/127.0.0.1:2/0", "tcp/[zz::1]:1/127.0.0.1:2/0",
                "tcp/256.0.0.1:1/127.0.0.1:2/0"}) {
            assertThat(FlowToken.parse(bad)).as(String.valueOf(bad)).isNull();
        }
        assertThat(FlowToken.sourceAddress("udp:localhost:5060")).isNull();
        assertThat(FlowToken.sourceAddress("nonsense")).isNull();
    }

    @Test
    void qValuesAreWrittenShort() {
        assertThat(ContactValues.q(1.0)).isEqualTo("1");
        assertThat(ContactValues.q(0.5)).isEqualTo("0.5");
        assertThat(ContactValues.q(0.125)).isEqualTo("0.125");
        assertThat(ContactValues.q(0)).isEqualTo("0");
    }
}
