package io.callisto.media.internal;

import io.callisto.media.rtp.PortRange;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Binds an RTP channel on a free even port of a range and, unless rtcp-mux, the RTCP channel on the next port
 * (RFC 3550 §11). Tries pairs one after the other from a random starting point, asynchronously (no blocking on
 * an event loop), and gives up after a bounded number of attempts.
 */
public final class PortBinder {

    private static final int MAX_ATTEMPTS = 100;

    /** The bound channels; {@code rtcp} is null with rtcp-mux. */
    public record Bound(Channel rtp, Channel rtcp) {
    }

    private final Bootstrap bootstrap;
    private final InetAddress address;
    private final PortRange range;
    private final boolean mux;
    private final Supplier<ChannelHandler> rtpHandler;
    private final Supplier<ChannelHandler> rtcpHandler;

    public PortBinder(Bootstrap bootstrap, InetAddress address, PortRange range, boolean mux,
                      Supplier<ChannelHandler> rtpHandler, Supplier<ChannelHandler> rtcpHandler) {
        this.bootstrap = bootstrap;
        this.address = address;
        this.range = range;
        this.mux = mux;
        this.rtpHandler = rtpHandler;
        this.rtcpHandler = rtcpHandler;
    }

    public CompletableFuture<Bound> bind() {
        CompletableFuture<Bound> result = new CompletableFuture<>();
        int start = ThreadLocalRandom.current().nextInt(range.pairs());
        attempt(start, 0, Math.min(MAX_ATTEMPTS, range.pairs()), result);
        return result;
    }

    private void attempt(int pair, int tried, int limit, CompletableFuture<Bound> result) {
        if (tried >= limit) {
            result.completeExceptionally(new java.io.IOException("no free RTP port pair in " + range.first() + "-"
                    + range.last() + " on " + address.getHostAddress() + " after " + tried + " attempts"));
            return;
        }
        int port = range.first() + 2 * (pair % range.pairs());
        Runnable next = () -> attempt(pair + 1, tried + 1, limit, result);
        bind(port, rtpHandler).addListener((ChannelFuture rtp) -> {
            if (!rtp.isSuccess()) {
                next.run();
                return;
            }
            if (mux) {
                result.complete(new Bound(rtp.channel(), null));
                return;
            }
            bind(port + 1, rtcpHandler).addListener((ChannelFuture rtcp) -> {
                if (rtcp.isSuccess()) {
                    result.complete(new Bound(rtp.channel(), rtcp.channel()));
                } else {
                    rtp.channel().close();
                    next.run();
                }
            });
        });
    }

    private ChannelFuture bind(int port, Supplier<ChannelHandler> handler) {
        return bootstrap.clone().handler(handler.get()).bind(new InetSocketAddress(address, port));
    }
}
