package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.Scenario;
import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine on a virtual clock against a scripted peer: pacing, matching, retransmissions, timeouts. */
class EngineTest {

    private final VirtualTime time = new VirtualTime();
    private final FakeWire wire = new FakeWire(time);

    private Engine engine(BenchConfig config) {
        return new Engine(config, wire, time, NanoClock.of(time), new PrintStream(PrintStream.nullOutputStream()));
    }

    private RunResult run(Engine e, long maxMs) {
        e.start();
        for (long t = 0; t < maxMs && !e.result().isDone(); t += 10) {
            time.advance(10);
        }
        assertThat(e.result()).isDone();
        return e.result().join();
    }

    /** A UAS: 100 and 180 after 5 ms, 200 after 20 ms; 200 to BYE after 2 ms. */
    private static void answering(SipMessage m, FakeWire w) {
        if (m instanceof SipRequest r && r.isMethod("INVITE")) {
            w.deliver(Messages.responseTo(r, 100, "Trying", null), 5);
            w.deliver(Messages.responseTo(r, 180, "Ringing", "uas1"), 5);
            w.deliver(Messages.responseTo(r, 200, "OK", "uas1"), 20);
        } else if (m instanceof SipRequest r && (r.isMethod("BYE") || r.isMethod("OPTIONS"))) {
            w.deliver(Messages.responseTo(r, 200, "OK", "uas1"), 2);
        }
    }

    private static Scenario builtin(String name) {
        return BuiltinScenarios.load(name, Map.of());
    }

    @Test
    void callsArePacedExactlyAndAnswered() {
        wire.peer = EngineTest::answering;
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(100).calls(500)
                .callLengthMs(100).build()), 60_000);
        assertThat(r.totals().attempted()).isEqualTo(500);
        assertThat(r.totals().answered()).isEqualTo(500);
        assertThat(r.totals().failed()).isZero();
        assertThat(r.totals().unexpectedMessages()).isZero();
        assertThat(r.totals().retransmissions()).isZero();
        Interval first = r.timeline().get(0);
        assertThat(first.attempted()).isEqualTo(100); // calls due in [0, 1000 ms): t = 0, 10, ..., 990
        assertThat(r.timeline().get(1).attempted()).isEqualTo(100);
        assertThat(first.latency().p50Ms()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(r.verdict().keptUp()).isTrue();
        assertThat(r.verdict().message()).startsWith("achieved 100/s of 100/s");
        assertThat(r.latencies()).extracting(l -> l.name()).containsExactly("answer-delay", "post-dial-delay",
                "response-time BYE", "response-time INVITE");
        assertThat(r.latencies().get(0).count()).isEqualTo(500);
        assertThat(r.latencies().get(1).p50Ms()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(wire.count("ACK ")).isEqualTo(500);
        SipMessage ack = wire.sent.stream().filter(m -> m.startLine().startsWith("ACK ")).findFirst().orElseThrow();
        assertThat(ack.to().tag()).isEqualTo("uas1");
        assertThat(ack.cseq().number()).isEqualTo(1);
        SipMessage bye = wire.sent.stream().filter(m -> m.startLine().startsWith("BYE ")).findFirst().orElseThrow();
        assertThat(bye.cseq().number()).isEqualTo(2);
        assertThat(bye.topVia().branch()).isNotEqualTo(ack.topVia().branch());
    }

    @Test
    void aRampStartsSlowly() {
        wire.peer = EngineTest::answering;
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(100).rampMs(2000)
                .runMs(4000).build()), 60_000);
        assertThat(r.timeline().get(0).attempted()).isLessThan(r.timeline().get(1).attempted());
        assertThat(r.timeline().get(2).attempted()).isEqualTo(100);
        assertThat(r.timeline().get(0).offeredPerSec()).isLessThan(40);
    }

    @Test
    void anUnansweredInviteIsRetransmittedWithDoublingIntervalsThenTimesOut() {
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(1).calls(1)
                .build()), 60_000);
        assertThat(wire.count("INVITE ")).isEqualTo(7); // 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s
        assertThat(r.totals().retransmissions()).isEqualTo(6);
        assertThat(r.totals().failuresByReason()).containsEntry("timeout", 1L);
        assertThat(r.totals().answered()).isZero();
    }

    @Test
    void nonInviteRetransmissionsAreCappedAtT2() {
        RunResult r = run(engine(BenchConfig.builder(builtin("options")).target(FakeWire.PEER).rate(1).calls(1)
                .build()), 60_000);
        // 0.5, 1.5, 3.5, 7.5, then every 4 s: 11.5, 15.5, 19.5, 23.5, 27.5, 31.5
        assertThat(r.totals().retransmissions()).isEqualTo(10);
        assertThat(r.totals().failuresByReason()).containsEntry("timeout", 1L);
    }

    @Test
    void aRetransmitted200GetsTheAckAgainAndIsNotUnexpected() {
        wire.peer = (m, w) -> {
            answering(m, w);
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                w.deliver(Messages.responseTo(r, 200, "OK", "uas1"), 520);
            }
        };
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(1).calls(1)
                .callLengthMs(2000).build()), 60_000);
        assertThat(r.totals().answered()).isEqualTo(1);
        assertThat(r.totals().unexpectedMessages()).isZero();
        assertThat(wire.count("ACK ")).isEqualTo(2);
    }

    @Test
    void a180OvertakenByThe200IsIgnoredButA1xxToTheByeIsUnexpected() {
        wire.peer = (m, w) -> {
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                w.deliver(Messages.responseTo(r, 200, "OK", "uas1"), 5);
                w.deliver(Messages.responseTo(r, 180, "Ringing", "uas1"), 6); // reordered by a proxy
            } else if (m instanceof SipRequest r && r.isMethod("BYE")) {
                w.deliver(Messages.responseTo(r, 183, "Session Progress", "uas1"), 1); // not the INVITE's: unexpected
            }
        };
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(1).calls(1)
                .callLengthMs(100).build()), 60_000);
        assertThat(r.totals().unexpectedMessages()).isEqualTo(1);
        assertThat(r.totals().failuresByReason()).containsEntry("unexpected", 1L);
        assertThat(wire.count("ACK ")).isEqualTo(1);
        assertThat(wire.count("BYE ")).isEqualTo(1); // the late 180 did not end the call: the BYE was sent
    }

    @Test
    void aRejectionIsAckedAndCountedByStatus() {
        wire.peer = (m, w) -> {
            if (m instanceof SipRequest r && r.isMethod("INVITE")) {
                w.deliver(Messages.responseTo(r, 486, "Busy Here", "b"), 5);
            }
        };
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(10).calls(3)
                .build()), 60_000);
        assertThat(r.totals().failuresByReason()).isEqualTo(Map.of("486", 3L));
        assertThat(wire.count("ACK ")).isEqualTo(3);
        assertThat(r.totals().answerSeizureRatio()).isZero();
    }

    @Test
    void maxConcurrentHoldsCallsBackAndTheVerdictSaysSo() {
        wire.peer = EngineTest::answering;
        RunResult r = run(engine(BenchConfig.builder(builtin("call")).target(FakeWire.PEER).rate(100).calls(200)
                .maxConcurrent(10).callLengthMs(1000).build()), 120_000);
        assertThat(r.totals().answered()).isEqualTo(200);
        assertThat(r.totals().maxConcurrent()).isEqualTo(10);
        assertThat(r.verdict().keptUp()).isFalse();
        assertThat(r.verdict().message()).contains("--max-concurrent 10");
    }

    @Test
    void aServerScenarioAnswersAndCountsCalls() {
        BenchConfig config = BenchConfig.builder(BuiltinScenarios.load("uas", Map.of("ring_ms", "50"))).calls(2)
                .build();
        Engine e = engine(config);
        e.start();
        time.runPending();
        for (int i = 1; i <= 2; i++) {
            SipRequest invite = (SipRequest) SipParser.parse("INVITE sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-" + i + "\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=a" + i + "\r\nTo: <sip:bench@127.0.0.1>\r\n"
                    + "Call-ID: c" + i + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
            wire.deliver(invite, 0);
            wire.deliver(invite, 10); // a retransmission: gets the 180 again
            time.advance(100);
            SipMessage ok = wire.sent.get(wire.sent.size() - 1);
            assertThat(ok.startLine()).isEqualTo("SIP/2.0 200 OK");
            String tag = ok.to().tag();
            wire.deliver(SipParser.parse("ACK sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-a" + i + "\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=a" + i + "\r\nTo: <sip:bench@127.0.0.1>;tag=" + tag + "\r\n"
                    + "Call-ID: c" + i + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"), 0);
            wire.deliver(SipParser.parse("BYE sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-b" + i + "\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=a" + i + "\r\nTo: <sip:bench@127.0.0.1>;tag=" + tag + "\r\n"
                    + "Call-ID: c" + i + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n"), 5);
            time.advance(100);
        }
        time.advance(100);
        RunResult r = e.result().join();
        assertThat(r.totals().answered()).isEqualTo(2);
        assertThat(r.totals().unexpectedMessages()).isZero();
        assertThat(wire.count("SIP/2.0 180")).isEqualTo(4);
        assertThat(wire.sent.get(wire.sent.size() - 1).cseq().method()).isEqualTo("BYE");
        assertThat(r.latencies().get(0).name()).isEqualTo("answer-delay");
        assertThat(r.latencies().get(0).p50Ms()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void anAnswerMixRejects() {
        BenchConfig config = BenchConfig.builder(BuiltinScenarios.load("uas", Map.of("answer_mix", "486:1")))
                .calls(1).build();
        Engine e = engine(config);
        e.start();
        time.runPending();
        wire.deliver(SipParser.parse("INVITE sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=a\r\nTo: <sip:bench@127.0.0.1>\r\n"
                + "Call-ID: r1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"), 0);
        time.advance(10);
        assertThat(wire.sent).hasSize(1);
        assertThat(wire.sent.get(0).startLine()).isEqualTo("SIP/2.0 486 Busy Here");
        time.advance(600);
        assertThat(wire.sent).hasSize(2); // retransmitted until the ACK
    }

    @Test
    void registerAnswersTheChallenge() {
        wire.peer = (m, w) -> {
            SipRequest r = (SipRequest) m;
            if (r.header("Authorization") == null) {
                var challenge = Messages.responseTo(r, 401, "Unauthorized", "reg");
                challenge.addHeader("WWW-Authenticate", "Digest realm=\"bench\", nonce=\"n1\", qop=\"auth\"");
                w.deliver(challenge, 3);
            } else {
                String user = r.from().uri().toString().replaceAll("sip:([^@]+)@.*", "$1");
                var cred = r.first(io.callisto.sip.header.Headers.AUTHORIZATION);
                assertThat(cred.param("username")).isEqualTo(user).isIn("user7", "user8", "user9");
                var md5 = io.callisto.auth.DigestAlgorithm.MD5;
                String ha1 = io.callisto.auth.DigestMath.secret(md5, user, "bench", "pw".toCharArray());
                assertThat(cred.param("response")).isEqualTo(io.callisto.auth.DigestMath.response(md5, ha1, "n1",
                        "00000001", cred.param("cnonce"), "auth", "REGISTER", cred.param("uri"), null));
                w.deliver(Messages.responseTo(r, 200, "OK", "reg"), 3);
            }
        };
        RunResult r = run(engine(BenchConfig.builder(builtin("register")).target(FakeWire.PEER).rate(10).calls(3)
                .injection(io.callisto.bench.scenario.InjectionData.pattern("user{7..9}", "pw")).build()), 10_000);
        assertThat(r.totals().answered()).isEqualTo(3);
        assertThat(wire.count("REGISTER ")).isEqualTo(6);
        assertThat(r.latencies()).extracting(l -> l.name()).containsExactly("response-time REGISTER");
    }

    @Test
    void a401ToTheRegisterWithCredentialsFailsTheCallAndIsNotTakenForARetransmission() {
        wire.peer = (m, w) -> { // rejects every credential (a wrong password, a replayed nonce count)
            var challenge = Messages.responseTo((SipRequest) m, 401, "Unauthorized", "reg");
            challenge.addHeader("WWW-Authenticate", "Digest realm=\"bench\", nonce=\"n" + m.cseq().number() + "\"");
            w.deliver(challenge, 3);
        };
        RunResult r = run(engine(BenchConfig.builder(builtin("register")).target(FakeWire.PEER).rate(1).calls(1)
                .injection(io.callisto.bench.scenario.InjectionData.pattern("user{1..1}", "pw")).build()), 10_000);
        assertThat(r.totals().failuresByReason()).containsEntry("401", 1L);
        assertThat(wire.count("REGISTER ")).isEqualTo(2); // not sent again for each 401: no ping-pong
        assertThat(r.totals().retransmissions()).isZero();
    }

    @Test
    void aUasWithACallLengthHangsUp() {
        BenchConfig config = BenchConfig.builder(BuiltinScenarios.load("uas", Map.of("hangup", "true"))).calls(1)
                .callLengthMs(1000).build();
        Engine e = engine(config);
        e.start();
        time.runPending();
        wire.deliver(SipParser.parse("INVITE sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                + "From: \"A\" <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:bench@127.0.0.1>\r\n"
                + "Call-ID: h1\r\nCSeq: 7 INVITE\r\nContact: <sip:a@127.0.0.1:5080>\r\nContent-Length: 0\r\n\r\n"), 0);
        time.advance(10);
        String tag = wire.sent.get(wire.sent.size() - 1).to().tag();
        wire.deliver(SipParser.parse("ACK sip:bench@127.0.0.1:5070 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-2\r\n"
                + "From: \"A\" <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:bench@127.0.0.1>;tag=" + tag + "\r\n"
                + "Call-ID: h1\r\nCSeq: 7 ACK\r\nContent-Length: 0\r\n\r\n"), 0);
        time.advance(999);
        assertThat(wire.count("BYE ")).isZero();
        time.advance(2);
        SipRequest bye = (SipRequest) wire.sent.get(wire.sent.size() - 1);
        assertThat(bye.startLine()).isEqualTo("BYE sip:a@127.0.0.1:5080 SIP/2.0");
        assertThat(bye.from().tag()).isEqualTo(tag);
        assertThat(bye.to().tag()).isEqualTo("a1");
        assertThat(bye.to().displayName()).isEqualTo("A");
        assertThat(bye.callId()).isEqualTo("h1");
        wire.deliver(Messages.responseTo(bye, 200, "OK", null), 5);
        time.advance(100);
        assertThat(e.result().join().totals().answered()).isEqualTo(1);
    }
}
