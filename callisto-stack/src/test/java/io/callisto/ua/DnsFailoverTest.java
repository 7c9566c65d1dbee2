package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.TimerConfig;
import io.callisto.transport.Transport;
import io.callisto.transport.dns.Busy503Server;
import io.callisto.transport.dns.DnsSettings;
import io.callisto.transport.dns.TestDnsServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 3263 end to end over real sockets: a UA sends a MESSAGE to sip:bob@example.test, DNS (a test name server on
 * loopback) lists a dead or busy server first and Bob's UA second, and the MESSAGE reaches Bob (§4.3 failover).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsFailoverTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    @Test
    void aDeadFirstSrvTargetFailsOverToTheSecond() throws Exception {
        int dead = UserAgentGuideTest.freePort(); // nothing listens: the TCP connect is refused
        int live = UserAgentGuideTest.freePort();
        try (TestDnsServer dns = TestDnsServer.start("/dns/example.test.zone",
                Map.of("DEAD_PORT", "" + dead, "LIVE_PORT", "" + live, "BUSY_PORT", "1", "SILENT_PORT", "1"));
             SipStack bobStack = stack(live, dns); SipStack aliceStack = stack(UserAgentGuideTest.freePort(), dns)) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            UserAgent bob = UserAgent.create(bobStack, UserAgentConfig.builder("sip:bob@example.test").build());
            bob.onMessage(m -> got.add(m.body().text()));
            UserAgent alice = UserAgent.create(aliceStack, UserAgentConfig.builder("sip:alice@example.test").build());

            SipResponse r = alice.sendMessage("sip:bob@example.test", "over DNS").get(30, TimeUnit.SECONDS);

            assertThat(r.status()).isEqualTo(200);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("over DNS"); // the listener may run after the 200
            assertThat(dns.questions("SRV _sip._tcp.example.test")).isEqualTo(1);
        }
    }

    @Test
    void a503FirstTargetFailsOverAndIsSkippedWhileItsRetryAfterRuns() throws Exception {
        int live = UserAgentGuideTest.freePort();
        try (Busy503Server busy = new Busy503Server(120);
             TestDnsServer dns = TestDnsServer.start("/dns/example.test.zone",
                     Map.of("DEAD_PORT", "1", "LIVE_PORT", "" + live, "BUSY_PORT", "" + busy.port(), "SILENT_PORT", "1"));
             SipStack bobStack = stack(live, dns); SipStack aliceStack = stack(UserAgentGuideTest.freePort(), dns)) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            UserAgent bob = UserAgent.create(bobStack, UserAgentConfig.builder("sip:bob@busy.test").build());
            bob.onMessage(m -> got.add(m.body().text()));
            UserAgent alice = UserAgent.create(aliceStack, UserAgentConfig.builder("sip:alice@busy.test").build());

            assertThat(alice.sendMessage("sip:bob@busy.test", "one").get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(alice.sendMessage("sip:bob@busy.test", "two").get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

            // the two MESSAGEs have their own Call-IDs, so their listeners run on their own owners, in either order
            assertThat(java.util.Arrays.asList(got.poll(10, TimeUnit.SECONDS), got.poll(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("one", "two");
            assertThat(busy.requests()).isEqualTo(1); // Retry-After: 120 kept the second MESSAGE away from it
        }
    }

    @Test
    void anInviteFailsOverPastADeadTarget() throws Exception {
        int dead = UserAgentGuideTest.freePort();
        int live = UserAgentGuideTest.freePort();
        try (TestDnsServer dns = TestDnsServer.start("/dns/example.test.zone",
                Map.of("DEAD_PORT", "" + dead, "LIVE_PORT", "" + live, "BUSY_PORT", "1", "SILENT_PORT", "1"));
             SipStack bobStack = stack(live, dns); SipStack aliceStack = stack(UserAgentGuideTest.freePort(), dns)) {
            UserAgent bob = UserAgent.create(bobStack, UserAgentConfig.builder("sip:bob@example.test").build());
            bob.onIncomingCall(c -> c.answer(Body.sdp(SDP)));
            UserAgent alice = UserAgent.create(aliceStack, UserAgentConfig.builder("sip:alice@example.test").build());

            Call call = alice.call("sip:bob@example.test", Body.sdp(SDP));
            call.answered().get(30, TimeUnit.SECONDS);
            assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
            call.hangup();
            assertThat(call.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo("local hangup");
        }
    }

    @Test
    void aTimeoutWithoutAnyResponseFailsOver() throws Exception {
        int live = UserAgentGuideTest.freePort();
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             TestDnsServer dns = TestDnsServer.start("/dns/example.test.zone", Map.of("DEAD_PORT", "1",
                     "LIVE_PORT", "" + live, "BUSY_PORT", "1", "SILENT_PORT", "" + silent.getLocalPort()));
             SipStack bobStack = stack(live, dns);
             // T1 = 20 ms: Timer F fires after 64*T1 = 1.3 s instead of 32 s
             SipStack aliceStack = SipStack.builder()
                     .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                     .timers(new TimerConfig(20, 4000, 5000, 32_000))
                     .dns(DnsSettings.DEFAULT.withServers(List.of(dns.address()))).build().start()) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            UserAgent bob = UserAgent.create(bobStack, UserAgentConfig.builder("sip:bob@silent.test").build());
            bob.onMessage(m -> got.add(m.body().text()));
            UserAgent alice = UserAgent.create(aliceStack, UserAgentConfig.builder("sip:alice@silent.test").build());

            SipResponse r = alice.sendMessage("sip:bob@silent.test", "after a timeout").get(30, TimeUnit.SECONDS);

            assertThat(r.status()).isEqualTo(200);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("after a timeout");
        }
    }

    private static SipStack stack(int port, TestDnsServer dns) throws Exception {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
        return SipStack.builder().listen(Transport.UDP, at).listen(Transport.TCP, at)
                .dns(DnsSettings.DEFAULT.withServers(List.of(dns.address()))).build().start();
    }
}
