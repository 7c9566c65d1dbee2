package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.Transport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The program of docs/user-agent.md ("The API in one program"), run over real UDP sockets on loopback. The ports are
 * free ones instead of 5070/5080 and the printing goes to a list; otherwise it is the same code.
 */
class UserAgentGuideTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twoPhones() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        // port 0: the kernel picks free ports at bind time (a port probed free beforehand can be taken by then)
        try (SipStack bobStack = SipStack.builder()
                     .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build().start();
             SipStack aliceStack = SipStack.builder()
                     .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build().start()) {
            int bobPort = bobStack.listeningPoints().get(0).port();
            int alicePort = aliceStack.listeningPoints().get(0).port();

            UserAgent bob = UserAgent.create(bobStack,
                    UserAgentConfig.builder("sip:bob@127.0.0.1:" + bobPort).build());
            bob.onIncomingCall(call -> {
                call.addListener(e -> out.add("bob: " + e.state() + " " + e.reason()));
                call.ring();
                call.answer(Body.sdp("v=0\r\no=bob 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                        + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"));
            });
            bob.onMessage(m -> out.add("bob got: " + m.body().text()));

            UserAgent alice = UserAgent.create(aliceStack,
                    UserAgentConfig.builder("sip:alice@127.0.0.1:" + alicePort).build());
            Call call = alice.call("sip:bob@127.0.0.1:" + bobPort, Body.sdp("v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\n"
                    + "s=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n"));
            call.answered().get(10, TimeUnit.SECONDS);
            out.add("alice: " + call.state() + ", bob's answer: " + call.remoteBody().text().length()
                    + " bytes of SDP");
            Thread.sleep(200);
            call.hangup();
            out.add("alice: ended by " + call.ended().get(10, TimeUnit.SECONDS).reason());

            int status = alice.sendMessage("sip:bob@127.0.0.1:" + bobPort, "hello, Bob").get(10, TimeUnit.SECONDS)
                    .status();
            out.add("MESSAGE answered " + status);
        }
        assertThat(out).contains("alice: CONFIRMED, bob's answer: 90 bytes of SDP", "alice: ended by local hangup",
                "bob got: hello, Bob", "MESSAGE answered 200");
        assertThat(out).containsSubsequence("bob: RINGING Ringing", "bob: CONFIRMED ACK received",
                "bob: TERMINATED remote BYE");
    }

    /** A port free for both UDP and TCP on loopback, right now. */
    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(p, java.net.InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }
}
