package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.StreamFramer;
import io.callisto.sip.parse.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same SIPp {@code uac} calls over TCP: SIPp's byte stream goes through {@link StreamFramer} in whatever
 * pieces the socket delivers (read into a deliberately small buffer, so messages arrive split), and the answers
 * go back on the same connection. SIPp exits 0 only if every call completed.
 */
class SippTcpInteropTest {

    @Test
    void sippUacOverTcpThroughTheStreamFramer(@TempDir Path dir) throws Exception {
        int calls = 10;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            AnsweringMachine machine = new AnsweringMachine("tcp", server.getLocalPort());
            Thread uas = new Thread(() -> serve(server, stop, machine, reads), "callisto-tcp-uas");
            uas.start();
            try {
                Sipp.Result r = Sipp.run(dir, 60, "-sn", "uac", "-t", "t1", "127.0.0.1:" + server.getLocalPort(),
                        "-i", "127.0.0.1", "-p", "0", "-m", Integer.toString(calls), "-r", "20", "-d", "100",
                        "-timeout", "30s", "-timeout_error", "-nostdin");
                assertThat(machine.problems).as("messages Callisto rejected").isEmpty();
                assertThat(r.exitCode()).as("sipp exit code (0 = every call succeeded)\n%s", r.output()).isZero();
            } finally {
                stop.set(true);
                uas.join(5000);
            }
            assertThat(machine.count("INVITE")).isEqualTo(calls);
            assertThat(machine.count("ACK")).isEqualTo(calls);
            assertThat(machine.count("BYE")).isEqualTo(calls);
            assertThat(reads.get()).as("the stream arrived in more reads than messages").isGreaterThan(3L * calls);
        }
    }

    /** Accepts connections one at a time and frames each one's bytes until it closes or the test ends. */
    private static void serve(ServerSocket server, AtomicBoolean stop, AnsweringMachine machine, AtomicLong reads) {
        while (!stop.get()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(200);
                OutputStream out = s.getOutputStream();
                StreamFramer framer = new StreamFramer(SipParser.DEFAULT, m -> reply(machine, m, out));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[97]; // small on purpose: messages cross read boundaries
                while (!stop.get()) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException idle) {
                        continue;
                    }
                    if (n < 0) {
                        break;
                    }
                    reads.incrementAndGet();
                    framer.feed(buf, 0, n);
                }
            } catch (SocketTimeoutException idle) {
                // no connection yet
            } catch (ParseError e) {
                machine.problems.add("framing error " + e.getMessage());
            } catch (IOException e) {
                if (!stop.get()) {
                    machine.problems.add("connection failed: " + e);
                }
            }
        }
    }

    private static void reply(AnsweringMachine machine, SipMessage m, OutputStream out) {
        try {
            for (SipMessage answer : machine.answer(m, null)) {
                out.write(answer.toBytes());
            }
            out.flush();
        } catch (IOException e) {
            machine.problems.add("send failed: " + e);
        }
    }
}
