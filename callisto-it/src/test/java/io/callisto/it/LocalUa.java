package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transaction.TimerConfig;
import io.callisto.transport.NettyTransportLayer;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportStats;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Callisto UA in the test's own JVM, through the public API ({@link SipStack#builder()}, {@link UserAgent}):
 * UDP on 127.0.0.1 with a free port, two event-loop threads, closed (sockets and threads) by {@link #close()}.
 */
final class LocalUa implements AutoCloseable {

    /** An SDP offer, so that peers that insist on one get it. */
    static final Body OFFER = Body.sdp("v=0\r\no=callisto-it 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40010 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");

    final SipStack stack;
    final UserAgent ua;

    private LocalUa(SipStack stack, UserAgent ua) {
        this.stack = stack;
        this.ua = ua;
    }

    /** A UA with the default timers and no credentials. */
    static LocalUa start() throws Exception {
        return start(TimerConfig.DEFAULT, b -> { }, c -> { });
    }

    /**
     * A started UA. {@code stackSettings} may add to the stack builder (loss, timers are set from {@code timers});
     * {@code config} to the UA configuration (credentials, registrar).
     */
    static LocalUa start(TimerConfig timers, Consumer<SipStack.Builder> stackSettings,
            Consumer<UserAgentConfig.Builder> config) throws Exception {
        return start(null, timers, stackSettings, config);
    }

    /** As {@link #start(TimerConfig, Consumer, Consumer)} with address of record {@code aor} (null: the UA's own). */
    static LocalUa start(String aor, TimerConfig timers, Consumer<SipStack.Builder> stackSettings,
            Consumer<UserAgentConfig.Builder> config) throws Exception {
        SipStack.Builder b = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
                .threads(2).timers(timers);
        stackSettings.accept(b);
        SipStack stack = b.build();
        try {
            stack.start();
            int port = stack.listeningPoints().get(0).port();
            UserAgentConfig.Builder cb = UserAgentConfig.builder(aor != null ? aor : "sip:callisto-it@127.0.0.1:" + port);
            config.accept(cb);
            return new LocalUa(stack, UserAgent.create(stack, cb.build()));
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The UDP port the stack bound. */
    int port() {
        return stack.listeningPoints().get(0).port();
    }

    /** The transport's counters (datagrams in and out, and those the test-only loss hook dropped). */
    TransportStats stats() {
        return ((NettyTransportLayer) stack.transport()).stats();
    }

    /** Waits (bounded) for a future that the test needs, with a message naming what it waited for. */
    static <T> T await(CompletableFuture<T> f, int seconds, String what) throws Exception {
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + what + " within " + seconds + " s");
        }
    }

    /** Waits (bounded) for the call to end and returns the event that ended it. */
    static CallEvent ended(Call call, int seconds) throws Exception {
        CallEvent e = await(call.ended(), seconds, "end of call " + call.callId());
        assertThat(e.state()).isEqualTo(CallState.TERMINATED);
        return e;
    }

    @Override
    public void close() {
        stack.close();
    }
}
