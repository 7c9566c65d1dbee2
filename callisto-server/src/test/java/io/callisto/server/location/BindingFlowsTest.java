package io.callisto.server.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The text forms of Binding.flow and Binding.source. */
class BindingFlowsTest {

    @Test
    void flowRoundTrip() {
        Flow f = new Flow(Transport.TLS, new InetSocketAddress("192.0.2.1", 5061),
                new InetSocketAddress("2001:db8::7", 40000), 12);
        String token = BindingFlows.token(f);
        assertThat(token).isEqualTo("tls 12 192.0.2.1:5061 [2001:db8::7]:40000");
        assertThat(BindingFlows.flow(token)).isEqualTo(f);
    }

    @Test
    void sourceOfAFlow() {
        Flow f = new Flow(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060),
                new InetSocketAddress("203.0.113.5", 40312), 0);
        assertThat(BindingFlows.source(f)).isEqualTo("udp:203.0.113.5:40312");
        assertThat(BindingFlows.sourceDestination("udp:203.0.113.5:40312"))
                .isEqualTo(new Destination(Transport.UDP, new InetSocketAddress("203.0.113.5", 40312)));
        assertThat(BindingFlows.sourceDestination("tcp:[2001:db8::5]:5060").address().getPort()).isEqualTo(5060);
        assertThat(BindingFlows.sourceDestination("udp:2001:db8::5:5062").address().getPort()).isEqualTo(5062);
    }

    @Test
    void malformedTextGivesNullAndNeverAsksDns() {
        assertThat(BindingFlows.flow(null)).isNull();
        assertThat(BindingFlows.flow("tcp 1 a b")).isNull();
        assertThat(BindingFlows.flow("tcp x 1.2.3.4:5 1.2.3.4:6")).isNull();
        assertThat(BindingFlows.flow("xyz 1 1.2.3.4:5 1.2.3.4:6")).isNull();
        assertThat(BindingFlows.flow("tcp 1 example.com:5 1.2.3.4:6")).isNull();
        assertThat(BindingFlows.sourceDestination("udp:example.com:5060")).isNull();
        assertThat(BindingFlows.sourceDestination("udp:1.2.3.4:99999")).isNull();
        assertThat(BindingFlows.sourceDestination("nonsense")).isNull();
    }
}
