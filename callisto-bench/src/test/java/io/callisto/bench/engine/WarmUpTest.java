package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.Totals;
import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.InjectionData;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The warm-up runs the scenario's calls to completion against its in-process responder, and sends nothing else. */
class WarmUpTest {

    private static BenchConfig.Builder run(String scenario) {
        // the target is a port nobody answers on: the warm-up must not use it
        return BenchConfig.builder(BuiltinScenarios.load(scenario, Map.of())).target(new InetSocketAddress(
                "127.0.0.1", 9)).rate(10).calls(1);
    }

    @Test
    void everyWarmUpCallOfTheBuiltInsSucceeds() throws Exception {
        assertAllSucceeded(WarmUp.run(run("options").build(), 200, 1));
        assertAllSucceeded(WarmUp.run(run("call").build(), 200, 1));
        assertAllSucceeded(WarmUp.run(run("register").injection(InjectionData.pattern("u{1..10}", "pw")).build(),
                200, 1));
    }

    private static void assertAllSucceeded(Totals t) {
        // 200 ms at 1000/s, ramped over the first 100 ms: about 150 calls
        assertThat(t.attempted()).isGreaterThan(50);
        assertThat(t.answered()).isEqualTo(t.attempted());
        assertThat(t.failed()).isZero();
    }

    @Test
    void noWarmUpRunsNothing() throws Exception {
        assertThat(WarmUp.run(run("options").build(), 0, 1).attempted()).isZero();
    }

    @Test
    void theResponderAnswers200ToRequestsAndIgnoresAcksAndResponses() throws Exception {
        String invite = "INVITE sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        WarmUp.Responder responder = new WarmUp.Responder(new InetSocketAddress("127.0.0.1", 0), false);
        byte[] answer = responder.answer(buffer(invite), "<sip:warmup@127.0.0.1:1>");
        SipResponse ok = (SipResponse) SipParser.DEFAULT.parseDatagram(answer);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.callId()).isEqualTo("c1");
        assertThat(ok.to().tag()).isNotNull();
        assertThat(ok.header("Contact")).isEqualTo("<sip:warmup@127.0.0.1:1>");
        assertThat(responder.answer(buffer(invite.replace("INVITE", "ACK")), "<sip:x@y>")).isNull();
        assertThat(responder.answer(buffer(new String(answer, StandardCharsets.UTF_8)), "<sip:x@y>")).isNull();
        responder.close();
    }

    @Test
    void aChallengingResponderChallengesEveryOtherRequestWithoutCredentials() throws Exception {
        String register = "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:u@example.com>;tag=1\r\nTo: <sip:u@example.com>\r\nCall-ID: r1\r\n"
                + "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        String withCredentials = register.replace("Content-Length", "Authorization: Digest username=\"u\"\r\n"
                + "Content-Length");
        try (WarmUp.Responder responder = new WarmUp.Responder(new InetSocketAddress("127.0.0.1", 0), true)) {
            int[] statuses = new int[4];
            String[] requests = {register, register, withCredentials, register};
            for (int i = 0; i < 4; i++) {
                statuses[i] = ((SipResponse) SipParser.DEFAULT.parseDatagram(
                        responder.answer(buffer(requests[i]), "<sip:x@y>"))).status();
            }
            assertThat(statuses).containsExactly(401, 200, 200, 401);
        }
    }

    private static ByteBuffer buffer(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        buf.put(b).flip();
        return buf;
    }
}
