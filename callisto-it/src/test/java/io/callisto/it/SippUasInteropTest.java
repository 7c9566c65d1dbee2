package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other direction: Callisto builds INVITE, the ACK for the 2xx and BYE with {@link MessageBuilder}, sends them
 * to SIPp's built-in {@code uas} scenario, and parses every response SIPp sends. SIPp exits 0 only when each of its
 * calls saw a matching ACK and BYE, so a wrong Call-ID, tag, CSeq or branch anywhere fails the test.
 */
class SippUasInteropTest {
    static final int CALLS = 5;

    @Test
    void callistoRequestsCompleteCallsAgainstSippUas(@TempDir Path dir) throws Exception {
        int sippPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sippPort = probe.getLocalPort();
        }
        Process sipp = Sipp.start(dir, "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(sippPort),
                "-m", Integer.toString(CALLS), "-timeout", "30s", "-timeout_error", "-nostdin");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(500);
            InetSocketAddress peer = new InetSocketAddress("127.0.0.1", sippPort);
            for (int call = 1; call <= CALLS; call++) {
                runCall(socket, peer, call);
            }
            assertThat(sipp.waitFor(30, TimeUnit.SECONDS)).as("sipp uas ends after %d calls", CALLS).isTrue();
            assertThat(sipp.exitValue()).as("sipp exit code (0 = every call succeeded)\n%s",
                    Files.readString(dir.resolve("sipp-output.txt"))).isZero();
        } finally {
            Sipp.stop(sipp);
        }
    }

    private static void runCall(DatagramSocket socket, InetSocketAddress peer, int call) throws Exception {
        String host = "127.0.0.1";
        int port = socket.getLocalPort();
        String callId = "callisto-it-" + call + "@" + host;
        NameAddress from = NameAddress.parse("<sip:callisto@" + host + ":" + port + ">;tag=ft" + call);
        NameAddress to = NameAddress.parse("<sip:service@" + host + ":" + peer.getPort() + ">");
        Uri target = Uri.parse("sip:service@" + host + ":" + peer.getPort());
        SipRequest invite = MessageBuilder.request("INVITE", target)
                .via(Via.of("UDP", host, port, "z9hG4bK-inv-" + call).withParameter("rport", null))
                .maxForwards(70).from(from).to(to).callId(callId).cseq(1, "INVITE")
                .contact(NameAddress.parse("<sip:callisto@" + host + ":" + port + ">"))
                .body(MediaType.SDP, AnsweringMachine.SDP)
                .buildRequest();
        SipResponse ok = sendUntilFinal(socket, peer, invite);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.to().tag()).as("the 2xx carries the UAS's To tag").isNotBlank();
        assertThat(ok.cseq()).isEqualTo(new CSeq(1, "INVITE"));
        assertThat(ok.topVia().branch()).isEqualTo("z9hG4bK-inv-" + call);
        // §13.2.2.4: the ACK for a 2xx is a new transaction within the dialog (To with the remote tag)
        SipRequest ack = MessageBuilder.request("ACK", target)
                .via(Via.of("UDP", host, port, "z9hG4bK-ack-" + call))
                .maxForwards(70).from(from).to(ok.to()).callId(callId).cseq(1, "ACK").buildRequest();
        send(socket, peer, ack);
        SipRequest bye = MessageBuilder.request("BYE", target)
                .via(Via.of("UDP", host, port, "z9hG4bK-bye-" + call))
                .maxForwards(70).from(from).to(ok.to()).callId(callId).cseq(2, "BYE").buildRequest();
        SipResponse byeOk = sendUntilFinal(socket, peer, bye);
        assertThat(byeOk.status()).isEqualTo(200);
        assertThat(byeOk.cseq()).isEqualTo(new CSeq(2, "BYE"));
    }

    /** Sends the request (again every 500 ms, like Timer A/E with T1, at most 8 times) until a final response. */
    private static SipResponse sendUntilFinal(DatagramSocket socket, InetSocketAddress peer, SipRequest request)
            throws Exception {
        byte[] buf = new byte[65535];
        for (int attempt = 0; attempt < 8; attempt++) {
            send(socket, peer, request);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < deadline) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(packet);
                } catch (java.net.SocketTimeoutException e) {
                    break;
                }
                byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
                SipMessage m = SipParser.DEFAULT.parseDatagram(bytes);
                assertThat(MessageValidator.validate(m).valid()).as("SIPp's message is valid:\n%s",
                        new String(bytes, StandardCharsets.UTF_8)).isTrue();
                assertThat(m.toBytes()).isEqualTo(bytes);
                if (m instanceof SipResponse r && r.callId().equals(request.callId())
                        && r.cseq().method().equals(request.method()) && r.isFinal()) {
                    return r;
                }
            }
        }
        throw new AssertionError("no final response to " + request.method() + " " + request.callId());
    }

    private static void send(DatagramSocket socket, InetSocketAddress peer, SipMessage m) throws Exception {
        byte[] out = m.toBytes();
        socket.send(new DatagramPacket(out, out.length, peer));
    }
}
