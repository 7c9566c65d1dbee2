package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.RunResult;
import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code call} and {@code uas} behind a record-routing proxy: the dialog's route set and remote target
 * (RFC 3261 12.1.1, 12.1.2, 12.2.1.1), so that in-dialog requests pass the proxy.
 */
class DialogRoutingTest {

    private static final String RR1 = "<sip:p1.example;lr>";
    private static final String RR2 = "<sip:10.0.0.2:5062;lr;ftag=x>";

    private final VirtualTime time = new VirtualTime();
    private final FakeWire wire = new FakeWire(time);

    private Engine engine(BenchConfig config) {
        return new Engine(config, wire, time, NanoClock.of(time), new PrintStream(PrintStream.nullOutputStream()));
    }

    private SipMessage sent(String startLinePrefix) {
        return wire.sent.stream().filter(m -> m.startLine().startsWith(startLinePrefix)).findFirst().orElseThrow();
    }

    private static String invite(String callId) {
        return "INVITE sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bK-p\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5080;branch=z9hG4bK-c\r\n"
                + "Record-Route: " + RR2 + "\r\nRecord-Route: " + RR1 + "\r\n"
                + "From: <sip:a@example.com>;tag=a1\r\nTo: <sip:service@example.com>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:a@10.0.0.1:5080>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String inDialog(String method, String callId, String toTag, int cseq) {
        return method + " sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bK-" + method + "\r\n"
                + "From: <sip:a@example.com>;tag=a1\r\nTo: <sip:service@example.com>;tag=" + toTag + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    @Test
    void theUasCopiesTheRecordRouteOfTheInviteIntoTheResponsesThatEstablishTheDialog() {
        Engine e = engine(BenchConfig.builder(BuiltinScenarios.load("uas", Map.of())).calls(1).build());
        e.start();
        time.runPending();
        wire.deliver(SipParser.parse(invite("rr1")), 0);
        time.advance(10);
        SipMessage ringing = sent("SIP/2.0 180");
        SipMessage ok = sent("SIP/2.0 200");
        // RFC 3261 12.1.1: all Record-Route values of the request, in their order
        assertThat(ringing.headers("Record-Route")).containsExactly(RR2, RR1);
        assertThat(ok.headers("Record-Route")).containsExactly(RR2, RR1);
        assertThat(ok.headers("Via")).hasSize(2);
        String tag = ok.to().tag();
        wire.deliver(SipParser.parse(inDialog("ACK", "rr1", tag, 1)), 0);
        wire.deliver(SipParser.parse(inDialog("BYE", "rr1", tag, 2)), 5);
        time.advance(100);
        SipMessage byeOk = wire.sent.get(wire.sent.size() - 1);
        assertThat(byeOk.startLine()).isEqualTo("SIP/2.0 200 OK");
        assertThat(byeOk.cseq().method()).isEqualTo("BYE");
        assertThat(byeOk.headers("Record-Route")).isEmpty();
        assertThat(e.result().join().totals().answered()).isEqualTo(1);
    }

    @Test
    void aUasThatHangsUpSendsItsByeThroughTheRouteSetInTheOrderReceived() {
        Engine e = engine(BenchConfig.builder(BuiltinScenarios.load("uas", Map.of("hangup", "true"))).calls(1)
                .callLengthMs(100).build());
        e.start();
        time.runPending();
        wire.deliver(SipParser.parse(invite("rr2")), 0);
        time.advance(10);
        String tag = sent("SIP/2.0 200").to().tag();
        wire.deliver(SipParser.parse(inDialog("ACK", "rr2", tag, 1)), 0);
        time.advance(200);
        SipRequest bye = (SipRequest) sent("BYE ");
        // RFC 3261 12.1.1 (UAS route set: Record-Route as received) and 12.2.1.1 (remote target as Request-URI)
        assertThat(bye.requestUriText()).isEqualTo("sip:a@10.0.0.1:5080");
        assertThat(String.join(", ", bye.headers("Route"))).isEqualTo(RR2 + ", " + RR1);
    }

    @Test
    void theCallersAckAndByeGoToTheRemoteTargetWithTheReversedRouteSet() {
        wire.peer = (m, w) -> {
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                SipResponse ok = Messages.responseTo(r, 200, "OK", "uas1");
                ok.addHeader("Record-Route", RR2);
                ok.addHeader("Record-Route", RR1);
                ok.addHeader("Contact", "<sip:callee@10.0.0.9:5099;transport=udp>");
                w.deliver(ok, 5);
            } else if (m instanceof SipRequest r && r.isMethod("BYE")) {
                w.deliver(Messages.responseTo(r, 200, "OK", "uas1"), 2);
            }
        };
        Engine e = engine(BenchConfig.builder(BuiltinScenarios.load("call", Map.of("to", "sip:service@example.com")))
                .target(FakeWire.PEER).rate(1).calls(1).callLengthMs(100).build());
        e.start();
        for (int t = 0; t < 2000 && !e.result().isDone(); t += 10) {
            time.advance(10);
        }
        RunResult r = e.result().join();
        assertThat(r.totals().answered()).isEqualTo(1);
        SipRequest invite = (SipRequest) sent("INVITE ");
        assertThat(invite.requestUriText()).isEqualTo("sip:service@example.com");
        for (String method : List.of("ACK ", "BYE ")) {
            SipRequest req = (SipRequest) sent(method);
            assertThat(req.requestUriText()).isEqualTo("sip:callee@10.0.0.9:5099;transport=udp");
            // RFC 3261 12.1.2: the UAC's route set is the 2xx's Record-Route in reverse order
            assertThat(String.join(", ", req.headers("Route"))).isEqualTo(RR1 + ", " + RR2);
            assertThat(req.to().uri().toString()).isEqualTo("sip:service@example.com");
        }
    }
}
