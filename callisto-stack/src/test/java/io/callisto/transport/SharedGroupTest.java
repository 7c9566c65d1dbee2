package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.EventLoopOwners;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A layer on a group it does not own: the stack's owners and the sockets share the loops. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedGroupTest {

    @Test
    void runsOnTheCallersGroupAndLeavesItRunning() throws Exception {
        IoKind kind = IoKind.choose(true);
        EventLoopGroup group = kind.newGroup(2);
        try {
            TransportConfig cfg = Peer.loopback("127.0.0.1", Transport.UDP).build();
            EventLoopOwners owners = new EventLoopOwners(group);
            CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
            try (NettyTransportLayer shared = new NettyTransportLayer(cfg, group);
                    Peer other = Peer.start(cfg)) {
                assertThat(shared.eventLoopGroup()).isSameAs(group);
                assertThat(shared.ioKind()).isEqualTo(kind.name());
                assertThat(owners.size()).isEqualTo(2);
                shared.setHandler((m, f) -> onLoop.complete(inGroup(group)));
                shared.start();
                other.sendRequest(TestMessages.options(), new Destination(Transport.UDP,
                        shared.listeningPoints().get(0).address()));
                assertThat(onLoop.get(Peer.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue(); // delivered on a group thread
            }
            assertThat(group.isShuttingDown()).isFalse();
            CompletableFuture<String> ran = new CompletableFuture<>();
            group.next().execute(() -> ran.complete("still running"));
            assertThat(ran.get(Peer.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("still running");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static boolean inGroup(EventLoopGroup group) {
        for (var e : group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
