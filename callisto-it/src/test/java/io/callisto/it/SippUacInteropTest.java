package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.parse.ParseError;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp's built-in {@code uac} scenario (INVITE, 180/200, ACK, BYE, 200) over UDP against the
 * {@link AnsweringMachine}, which is made of the syntax layer only: every datagram SIPp sends is parsed and
 * validated by Callisto, and every answer is built by it. SIPp checks our responses (matching Via, From, To with
 * tag, Call-ID, CSeq) and reports a failed call for any it rejects, so its exit code 0 proves both directions of
 * the codec against a real peer.
 */
class SippUacInteropTest {

    @Test
    void sippUacCompletesCallsAgainstResponsesBuiltByCallisto(@TempDir Path dir) throws Exception {
        int calls = 10;
        AtomicBoolean stop = new AtomicBoolean();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            AnsweringMachine machine = new AnsweringMachine("udp", socket.getLocalPort());
            Thread uas = new Thread(() -> serve(socket, stop, machine), "callisto-uas");
            uas.start();
            try {
                Sipp.Result r = Sipp.run(dir, 60, "-sn", "uac", "127.0.0.1:" + socket.getLocalPort(),
                        "-i", "127.0.0.1", "-p", "0", "-m", Integer.toString(calls), "-r", "20", "-d", "100",
                        "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err", "-error_file",
                        dir.resolve("errors.log").toString());
                assertThat(machine.problems).as("messages Callisto rejected").isEmpty();
                assertThat(r.exitCode()).as("sipp exit code (0 = every call succeeded)\n%s", r.output()).isZero();
            } finally {
                stop.set(true);
                uas.join(5000);
            }
            assertThat(machine.count("INVITE")).isGreaterThanOrEqualTo(calls);
            assertThat(machine.count("ACK")).isGreaterThanOrEqualTo(calls);
            assertThat(machine.count("BYE")).isGreaterThanOrEqualTo(calls);
        }
    }

    /** One datagram, one message: parse it and send back what the answering machine says. */
    private static void serve(DatagramSocket socket, AtomicBoolean stop, AnsweringMachine machine) {
        byte[] buf = new byte[65535];
        while (!stop.get()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (java.io.IOException e) {
                machine.problems.add("receive failed: " + e);
                return;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            try {
                for (SipMessage out : machine.answer(SipParser.DEFAULT.parseDatagram(bytes), bytes)) {
                    byte[] o = out.toBytes();
                    socket.send(new DatagramPacket(o, o.length, packet.getSocketAddress()));
                }
            } catch (ParseError e) {
                machine.problems.add("parse error " + e.getMessage() + ":\n" + new String(bytes));
            } catch (java.io.IOException e) {
                machine.problems.add("send failed: " + e);
            }
        }
    }
}
