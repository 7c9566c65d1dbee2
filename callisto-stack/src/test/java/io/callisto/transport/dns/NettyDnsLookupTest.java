package io.callisto.transport.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The locator over Netty's DNS client, asking a real (test) name server on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyDnsLookupTest {

    private TestDnsServer server;
    private EventLoopGroup group;
    private ServerLocator locator;

    @BeforeEach
    void start() throws Exception {
        server = TestDnsServer.start("/dns/example.test.zone",
                Map.of("DEAD_PORT", "5001", "LIVE_PORT", "5002", "BUSY_PORT", "5003", "SILENT_PORT", "5004"));
        group = IoKind.NIO.newGroup(1);
        locator = ServerLocator.create(DnsSettings.DEFAULT.withServers(List.of(server.address())), group);
    }

    @AfterEach
    void stop() {
        if (locator != null) {
            locator.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (server != null) {
            server.close();
        }
    }

    private List<String> locate(String uri) throws Exception {
        return locator.locate((SipUri) Uri.parse(uri)).get(10, TimeUnit.SECONDS).stream()
                .map(NettyDnsLookupTest::text).toList();
    }

    private static String text(Destination d) {
        return d.transport() + " " + d.address().getAddress().getHostAddress() + ":" + d.address().getPort();
    }

    @Test
    void naptrSrvAndAddressesFromAServer() throws Exception {
        // SIPS+D2T comes first but has no SRV records; SIP+D2X is not a transport; SIP+D2T gives dead, then live
        assertThat(locate("sip:bob@example.test")).containsExactly("TCP 127.0.0.1:5001", "TCP 127.0.0.1:5002");
        assertThat(server.questions("NAPTR example.test")).isEqualTo(1);
        assertThat(server.questions("SRV _sips._tcp.example.test")).isEqualTo(1);
        assertThat(server.questions("SRV _sip._foo.example.test")).isZero();
    }

    @Test
    void answersComeFromTheCacheTheSecondTime() throws Exception {
        locate("sip:bob@example.test");
        assertThat(locate("sip:alice@example.test")).containsExactly("TCP 127.0.0.1:5001", "TCP 127.0.0.1:5002");
        assertThat(server.questions("NAPTR example.test")).isEqualTo(1);
        assertThat(server.questions("SRV _sip._tcp.example.test")).isEqualTo(1);
        assertThat(server.questions("A live.example.test")).isEqualTo(1);
    }

    @Test
    void aAndAaaaWithAnExplicitPort() throws Exception {
        assertThat(locate("sip:dual.test:5070")).containsExactly("UDP 192.0.2.1:5070",
                "UDP 2001:db8:0:0:0:0:0:1:5070");
        assertThat(server.questions("NAPTR dual.test")).isZero();
        assertThat(server.questions("SRV _sip._udp.dual.test")).isZero();
    }

    @Test
    void anUnknownNameIsAnEmptyList() throws Exception {
        assertThat(locate("sip:bob@unknown.test")).isEmpty();
    }
}
