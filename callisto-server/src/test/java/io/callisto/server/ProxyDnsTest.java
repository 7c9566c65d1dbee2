package io.callisto.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.config.ConfigLoader;
import io.callisto.server.config.ServerConfig;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Transport;
import io.callisto.transport.dns.Busy503Server;
import io.callisto.transport.dns.TestDnsServer;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy reaches another domain through RFC 3263 (configured with {@code dns.servers}): the SRV records of
 * busy.test list a server that answers 503 with Retry-After first and Carol's UA second; the MESSAGE reaches Carol,
 * and the next one goes straight to her (§4.3, RFC 3261 §21.5.4).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyDnsTest {

    @TempDir
    Path data;

    @Test
    void theProxyFailsOverAlongTheSrvTargetsOfAnotherDomain() throws Exception {
        int carolPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            carolPort = probe.getLocalPort();
        }
        try (Busy503Server busy = new Busy503Server(120);
             TestDnsServer dns = TestDnsServer.start("/dns/example.test.zone",
                     Map.of("DEAD_PORT", "1", "LIVE_PORT", "" + carolPort, "BUSY_PORT", "" + busy.port(), "SILENT_PORT", "1"))) {
            ServerConfig c = ConfigLoader.defaults();
            c.listen.udp = List.of("127.0.0.1:0");
            c.listen.tcp = List.of();
            c.http.listen = "off";
            c.data = data.toString();
            c.domains = List.of("example.test");
            InetSocketAddress ns = dns.address();
            c.dns.servers = List.of(ns.getAddress().getHostAddress() + ":" + ns.getPort());
            ConfigLoader.validate(c);
            try (Server server = new Server(c).start();
                 SipStack carolStack = SipStack.builder()
                         .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", carolPort)).threads(1).build()
                         .start();
                 SipStack aliceStack = SipStack.builder()
                         .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).threads(1).build().start()) {
                BlockingQueue<String> got = new LinkedBlockingQueue<>();
                UserAgent carol = UserAgent.create(carolStack, UserAgentConfig.builder("sip:carol@busy.test").build());
                carol.onMessage(m -> got.add(m.body().text()));
                int proxyPort = server.listeningPoints().get(0).address().getPort();
                UserAgent alice = UserAgent.create(aliceStack, UserAgentConfig.builder("sip:alice@example.test")
                        .outboundProxy(SipUri.parse("sip:127.0.0.1:" + proxyPort + ";lr")).build());

                assertThat(alice.sendMessage("sip:carol@busy.test", "one").get(30, TimeUnit.SECONDS).status())
                        .isEqualTo(200);
                assertThat(alice.sendMessage("sip:carol@busy.test", "two").get(30, TimeUnit.SECONDS).status())
                        .isEqualTo(200);

                assertThat(java.util.Arrays.asList(got.poll(10, TimeUnit.SECONDS), got.poll(10, TimeUnit.SECONDS)))
                        .containsExactly("one", "two");
                assertThat(busy.requests()).isEqualTo(1);
                assertThat(dns.questions("SRV _sip._udp.busy.test")).isEqualTo(1);
            }
        }
    }
}
