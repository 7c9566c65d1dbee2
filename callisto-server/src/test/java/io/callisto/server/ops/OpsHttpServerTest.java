package io.callisto.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private OpsHttpServer server;
    private String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = new OpsHttpServer(metrics,
                () -> Map.of("sip:alice@example.com", List.of(Map.of("contact", "sip:alice@192.0.2.1"))),
                () -> Map.of("transactions", 3), healthy::get);
        InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + a.getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SipMessage parse(String text) throws Exception {
        return SipParser.DEFAULT.parseDatagram(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void metricsCountMessagesByMethodAndCodeInPrometheusFormat() throws Exception {
        SipMessage invite = parse("""
                INVITE sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1
                Max-Forwards: 70
                From: <sip:alice@example.com>;tag=a
                To: <sip:bob@example.com>
                Call-ID: c1
                CSeq: 1 INVITE
                Content-Length: 0

                """);
        SipMessage ok = parse("""
                SIP/2.0 486 Busy Here
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1
                From: <sip:alice@example.com>;tag=a
                To: <sip:bob@example.com>;tag=b
                Call-ID: c1
                CSeq: 1 INVITE
                Content-Length: 0

                """);
        metrics.received(invite, null);
        metrics.received(invite, null);
        metrics.sent(ok);
        metrics.gauge("sip_transactions", "live", () -> 7);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).containsPattern("sip_requests_total\\{direction=\"in\",method=\"INVITE\"} 2.0")
                .containsPattern("sip_responses_total\\{code=\"486\",direction=\"out\",method=\"INVITE\"} 1.0")
                .containsPattern("sip_transactions 7.0");
        assertThat(metrics.total("sip_requests", "in")).isEqualTo(2.0);
    }

    @Test
    void jsonEndpointsAndHealth() throws Exception {
        HttpResponse<String> regs = get("/api/registrations");
        assertThat(regs.statusCode()).isEqualTo(200);
        assertThat(regs.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(regs.body()).contains("\"sip:alice@example.com\"").contains("\"contact\" : \"sip:alice@192.0.2.1\"");
        assertThat(get("/api/stats").body()).contains("\"transactions\" : 3");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        healthy.set(false);
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("DOWN");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void oversizedRequestIsRejectedAndTheServerKeepsServing() throws Exception {
        HttpResponse<String> big = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("X-Big", "a".repeat(20_000)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isIn(400, 413, 431);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }
}
