package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.message.Verdict;
import io.callisto.sip.parse.ParseError;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp's built-in {@code uac} scenario (INVITE, 180/200, ACK, BYE, 200) against a minimal answering machine made
 * of the syntax layer only: every datagram SIPp sends is parsed and validated by Callisto, and every answer is
 * built with {@link Messages#responseTo} and {@link io.callisto.sip.message.MessageBuilder}. SIPp checks our
 * responses (matching Via, From, To with tag, Call-ID, CSeq) and reports a failed call for any it rejects, so
 * its exit code 0 proves both directions of the codec against a real peer.
 */
class SippUacInteropTest {
    static final String SDP = "v=0\r\no=callisto 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @Test
    void sippUacCompletesCallsAgainstResponsesBuiltByCallisto(@TempDir Path dir) throws Exception {
        int calls = 10;
        List<SipMessage> received = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            Thread uas = new Thread(() -> answer(socket, stop, received, problems), "callisto-uas");
            uas.start();
            try {
                Sipp.Result r = Sipp.run(dir, 60, "-sn", "uac", "127.0.0.1:" + socket.getLocalPort(),
                        "-i", "127.0.0.1", "-p", "0", "-m", Integer.toString(calls), "-r", "20", "-d", "100",
                        "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-error_file",
                        dir.resolve("errors.log").toString());
                assertThat(problems).as("messages Callisto rejected").isEmpty();
                assertThat(r.exitCode()).as("sipp exit code (0 = every call succeeded)\n%s", r.output()).isZero();
            } finally {
                stop.set(true);
                uas.join(5000);
            }
        }
        long invites = received.stream().filter(m -> m instanceof SipRequest q && q.isMethod("INVITE")).count();
        long byes = received.stream().filter(m -> m instanceof SipRequest q && q.isMethod("BYE")).count();
        long acks = received.stream().filter(m -> m instanceof SipRequest q && q.isMethod("ACK")).count();
        assertThat(invites).isGreaterThanOrEqualTo(calls);
        assertThat(acks).isGreaterThanOrEqualTo(calls);
        assertThat(byes).isGreaterThanOrEqualTo(calls);
    }

    /** Parses each datagram, checks it, and answers INVITE with 180 + 200 (SDP) and BYE with 200. */
    private static void answer(DatagramSocket socket, AtomicBoolean stop, List<SipMessage> received,
            List<String> problems) {
        byte[] buf = new byte[65535];
        int tag = 0;
        while (!stop.get()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (java.io.IOException e) {
                problems.add("receive failed: " + e);
                return;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            try {
                SipMessage m = SipParser.DEFAULT.parseDatagram(bytes);
                Verdict v = MessageValidator.validate(m);
                if (!v.valid()) {
                    problems.add("invalid " + v.error() + ":\n" + new String(bytes));
                    continue;
                }
                if (!Arrays.equals(m.toBytes(), bytes)) {
                    problems.add("did not write back byte for byte:\n" + new String(bytes));
                }
                received.add(m);
                if (!(m instanceof SipRequest req)) {
                    continue;
                }
                if (req.isMethod("INVITE")) {
                    String toTag = "cal" + (++tag);
                    send(socket, packet, Messages.responseTo(req, 180, null, toTag));
                    SipResponse ok = Messages.responseTo(req, 200, null, toTag);
                    ok.add(Headers.CONTACT, NameAddress.parse("<sip:callisto@127.0.0.1:" + socket.getLocalPort()
                            + ">"));
                    ok.setBody(MediaType.SDP, SDP.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    send(socket, packet, ok);
                } else if (req.isMethod("BYE")) {
                    send(socket, packet, Messages.responseTo(req, 200));
                }
            } catch (ParseError e) {
                problems.add("parse error " + e.getMessage() + ":\n" + new String(bytes));
            } catch (java.io.IOException e) {
                problems.add("send failed: " + e);
            }
        }
    }

    private static void send(DatagramSocket socket, DatagramPacket to, SipMessage m) throws java.io.IOException {
        byte[] out = m.toBytes();
        socket.send(new DatagramPacket(out, out.length, to.getSocketAddress()));
    }
}
