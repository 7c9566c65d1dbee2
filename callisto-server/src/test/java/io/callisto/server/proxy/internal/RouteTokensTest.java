package io.callisto.server.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Flow tokens in Record-Route user parts (RFC 5626 §5.2, §5.3). */
class RouteTokensTest {

    private static final Flow TCP = new Flow(Transport.TCP, new InetSocketAddress("192.0.2.1", 5060),
            new InetSocketAddress("203.0.113.9", 40312), 42);
    private static final Flow UDP_V6 = new Flow(Transport.UDP, null, new InetSocketAddress("2001:db8::9", 5062), 0);

    @Test
    void roundTrip() {
        String token = RouteTokens.encode(TCP);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(RouteTokens.decode(token)).isEqualTo(TCP);
        assertThat(RouteTokens.decode(RouteTokens.encode(UDP_V6))).isEqualTo(UDP_V6);
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        String token = RouteTokens.encode(TCP);
        char[] c = token.toCharArray();
        c[c.length - 3] = c[c.length - 3] == 'A' ? 'B' : 'A';
        assertThat(RouteTokens.decode(new String(c))).isNull();
        assertThat(RouteTokens.decode("alice")).isNull();
        assertThat(RouteTokens.decode("")).isNull();
        assertThat(RouteTokens.decode("%%%")).isNull();
        assertThat(RouteTokens.decode("A".repeat(500))).isNull();
    }

    @Test
    void theTokenOfTheArrivalFlowIsTheSendersOwnSide() {
        Flow callee = UDP_V6;
        Flow fromCaller = new Flow(Transport.TCP, TCP.local(), TCP.remote(), 42);
        assertThat(RoutePreprocessing.flowFromTokens(java.util.List.of(TCP, callee), fromCaller)).isEqualTo(callee);
        Flow fromCallee = new Flow(Transport.UDP, null, UDP_V6.remote(), 0);
        assertThat(RoutePreprocessing.flowFromTokens(java.util.List.of(TCP, callee), fromCallee)).isEqualTo(TCP);
        Flow stranger = new Flow(Transport.UDP, null, new InetSocketAddress("198.51.100.1", 5060), 0);
        assertThat(RoutePreprocessing.flowFromTokens(java.util.List.of(TCP, callee), stranger)).isNull();
        assertThat(RoutePreprocessing.flowFromTokens(java.util.List.of(callee), stranger)).isEqualTo(callee);
    }
}
