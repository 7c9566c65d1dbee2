package io.callisto.jmh.uas;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipResponse;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark UAS over real UDP on loopback: the call flow SIPp's uac drives (INVITE, 180, 200, ACK, BYE, 200),
 * the dialog released after the BYE, and the answers to CANCEL, OPTIONS, other methods, unknown dialogs and
 * garbage.
 */
class JainSipUasTest {
    private static final int WAIT_MS = 5_000;
    private static JainSipUas uas;
    private static int port;

    private DatagramSocket client;

    @BeforeAll
    static void startUas() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        uas = new JainSipUas("127.0.0.1", port);
    }

    @AfterAll
    static void stopUas() {
        if (uas != null) {
            uas.stop();
        }
    }

    @BeforeEach
    void openClient() throws IOException {
        client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        client.setSoTimeout(WAIT_MS);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void callFlowRingsAnswersAndReleasesTheDialogAfterBye() throws Exception {
        String callId = UUID.randomUUID() + "@test";
        send(request("INVITE", callId, 1, null, "v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        List<SipResponse> responses = responsesUntilFinal();
        SipResponse ringing = responses.stream().filter(r -> r.status() == 180).findFirst().orElseThrow();
        SipResponse ok = responses.get(responses.size() - 1);
        assertThat(ok.status()).isEqualTo(200);
        String tag = toTag(ok);
        assertThat(tag).isNotBlank();
        assertThat(toTag(ringing)).isEqualTo(tag);
        assertThat(ringing.header("Contact")).contains("127.0.0.1:" + port);
        assertThat(ok.header("Contact")).contains("127.0.0.1:" + port);
        assertThat(ok.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(new String(ok.body(), StandardCharsets.US_ASCII)).startsWith("v=0");

        send(request("ACK", callId, 1, tag, null));
        send(request("BYE", callId, 2, tag, null));
        SipResponse byeOk = nextResponse();
        assertThat(byeOk.status()).isEqualTo(200);
        assertThat(byeOk.header("CSeq")).isEqualTo("2 BYE");

        // The stack removes a terminated dialog after a short linger; wait for it, bounded.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!uas.status().contains(" liveDialogs=0 ") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(uas.status()).contains(" liveDialogs=0 ").contains(" errors=0");
    }

    @Test
    void optionsGets200WithAllow() throws Exception {
        send(request("OPTIONS", UUID.randomUUID() + "@test", 1, null, null));
        SipResponse r = nextResponse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).contains("INVITE").contains("BYE");
    }

    @Test
    void unsupportedMethodGets405WithAllow() throws Exception {
        send(request("MESSAGE", UUID.randomUUID() + "@test", 1, null, null));
        SipResponse r = nextResponse();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("INVITE");
    }

    @Test
    void byeAndCancelOutsideAnyDialogOrTransactionGet481() throws Exception {
        send(request("BYE", UUID.randomUUID() + "@test", 2, "nosuchtag", null));
        assertThat(nextResponse().status()).isEqualTo(481);
        send(request("CANCEL", UUID.randomUUID() + "@test", 1, null, null));
        assertThat(nextResponse().status()).isEqualTo(481);
    }

    @Test
    void garbageIsIgnoredAndTheUasKeepsAnswering() throws Exception {
        byte[] junk = "NOT SIP AT ALL\r\n\r\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
        client.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", port)));
        send(request("OPTIONS", UUID.randomUUID() + "@test", 1, null, null));
        assertThat(nextResponse().status()).isEqualTo(200);
    }

    private String request(String method, String callId, int cseq, String toTag, String sdp) {
        int local = client.getLocalPort();
        String body = sdp == null ? "" : sdp;
        StringBuilder b = new StringBuilder()
                .append(method).append(" sip:service@127.0.0.1:").append(port).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(local).append(";branch=z9hG4bK")
                .append(UUID.randomUUID().toString().replace("-", "")).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:test@127.0.0.1:").append(local).append(">;tag=t").append(local).append("\r\n")
                .append("To: <sip:service@127.0.0.1:").append(port).append('>')
                .append(toTag == null ? "" : ";tag=" + toTag).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n")
                .append("Contact: <sip:test@127.0.0.1:").append(local).append(">\r\n");
        if (sdp != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        return b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body).toString();
    }

    private void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
    }

    /** Receives one response (bounded by the socket timeout). */
    private SipResponse nextResponse() throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        SipMessage m = SipParser.DEFAULT.parseDatagram(buf, 0, p.getLength());
        assertThat(m).isInstanceOf(SipResponse.class);
        return (SipResponse) m;
    }

    private List<SipResponse> responsesUntilFinal() throws IOException {
        List<SipResponse> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SipResponse r = nextResponse();
            out.add(r);
            if (r.isFinal()) {
                return out;
            }
        }
        throw new AssertionError("no final response among " + out.size() + " responses");
    }

    private static String toTag(SipResponse r) {
        String to = r.header("To");
        int i = to.indexOf(";tag=");
        return i < 0 ? "" : to.substring(i + 5).split(";")[0].trim();
    }
}
