package io.callisto.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.server.auth.Credential;
import io.callisto.server.config.ConfigLoader;
import io.callisto.server.config.ServerConfig;
import io.callisto.server.store.StoreConfig;
import io.callisto.server.store.Stores;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallState;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server in one process over real UDP on loopback: Callisto user agents register (with digest
 * authentication) and call each other through it; the operations endpoint reports them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerEndToEndTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    @TempDir
    Path data;
    private Server server;
    private final List<SipStack> stacks = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        stacks.forEach(SipStack::close);
        if (server != null) {
            server.close();
        }
    }

    private Server start(boolean auth) throws Exception {
        if (auth) {
            try (Stores s = Stores.open(StoreConfig.h2(data))) {
                s.credentials().put(Credential.fromPassword("alice", "example.test", "alice-pw".toCharArray()))
                        .get(10, TimeUnit.SECONDS);
                s.credentials().put(Credential.fromPassword("bob", "example.test", "bob-pw".toCharArray()))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        ServerConfig c = ConfigLoader.defaults();
        c.listen.udp = List.of("127.0.0.1:0");
        c.listen.tcp = List.of();
        c.http.listen = "127.0.0.1:0";
        c.data = data.toString();
        c.domains = List.of("example.test");
        c.auth.enabled = auth;
        ConfigLoader.validate(c);
        server = new Server(c).start();
        return server;
    }

    private InetSocketAddress sipAddress() {
        ListeningPoint lp = server.listeningPoints().get(0);
        return lp.address();
    }

    private UserAgent ua(String user, String password) throws Exception {
        SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).threads(1)
                .build().start();
        stacks.add(stack);
        if (System.getProperty("e2e.trace") != null) {
            stack.transport().setObserver(new io.callisto.transport.MessageObserver() {
                @Override
                public void received(io.callisto.sip.message.SipMessage m, io.callisto.transport.Flow f) {
                    System.out.println(user + " <- " + m.toString().lines().limit(12).toList());
                }

                @Override
                public void sent(io.callisto.sip.message.SipMessage m) {
                    System.out.println(user + " -> " + m.toString().lines().limit(12).toList());
                }
            });
        }
        InetSocketAddress proxy = sipAddress();
        UserAgentConfig.Builder b = UserAgentConfig.builder("sip:" + user + "@example.test")
                .registrar(new Destination(Transport.UDP, proxy))
                .outboundProxy(SipUri.parse("sip:127.0.0.1:" + proxy.getPort() + ";lr"));
        if (password != null) {
            b.credentials(user, password);
        }
        return UserAgent.create(stack, b.build());
    }

    @Test
    void registeredUsersCallEachOtherThroughTheProxy() throws Exception {
        start(false);
        UserAgent bob = ua("bob", null);
        java.util.concurrent.CompletableFuture<Call> bobsCall = new java.util.concurrent.CompletableFuture<>();
        bob.onIncomingCall(call -> {
            bobsCall.complete(call);
            call.answer(Body.sdp(SDP));
        });
        bob.register().registered().get(10, TimeUnit.SECONDS);
        UserAgent alice = ua("alice", null);

        Call call = alice.call("sip:bob@example.test", Body.sdp(SDP));
        call.answered().get(10, TimeUnit.SECONDS);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        call.hangup();
        assertThat(call.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo("local hangup");
        assertThat(bobsCall.get(10, TimeUnit.SECONDS).ended().get(10, TimeUnit.SECONDS).reason())
                .isEqualTo("remote BYE");

        String regs = http("/api/registrations");
        assertThat(regs).contains("sip:bob@example.test").doesNotContain("sip:alice@example.test");
        String metrics = http("/metrics");
        assertThat(metrics).contains("registrar_contacts 1.0")
                .as("ACK and BYE follow the Record-Route through the proxy")
                .contains("sip_requests_total{direction=\"in\",method=\"ACK\"} 1.0")
                .contains("sip_requests_total{direction=\"out\",method=\"ACK\"} 1.0")
                .contains("sip_requests_total{direction=\"out\",method=\"BYE\"} 1.0");
    }

    @Test
    void unknownUserGets404() throws Exception {
        start(false);
        UserAgent alice = ua("alice", null);
        Call call = alice.call("sip:nobody@example.test", Body.sdp(SDP));
        assertThat(call.ended().get(10, TimeUnit.SECONDS).status()).isEqualTo(404);
        assertThat(call.answered()).isCompletedExceptionally();
    }

    @Test
    void withAuthOnlyRightPasswordsRegisterAndCall() throws Exception {
        start(true);
        UserAgent bob = ua("bob", "bob-pw");
        bob.onIncomingCall(call -> call.answer(Body.sdp(SDP)));
        bob.register().registered().get(10, TimeUnit.SECONDS);

        UserAgent mallory = ua("alice", "wrong");
        assertThatThrownBy(() -> mallory.register().registered().get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        UserAgent alice = ua("alice", "alice-pw");
        Call call = alice.call("sip:bob@example.test", Body.sdp(SDP));
        call.answered().get(10, TimeUnit.SECONDS); // after a 407 answered with alice's credentials
        call.hangup();
        call.ended().get(10, TimeUnit.SECONDS);
    }

    @Test
    void registrationsSurviveARestart() throws Exception {
        start(false);
        UserAgent bob = ua("bob", null);
        bob.register().registered().get(10, TimeUnit.SECONDS);
        server.close();
        server = null;
        Server again = start(false);
        assertThat(http("/api/registrations")).contains("sip:bob@example.test");
        assertThat(again.nodeId()).isNotBlank();
    }

    private String http(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
