package io.callisto.transport.internal;

import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * One TCP or TLS connection, opened by us or accepted: its identity (the nonzero id in {@link Flow#connectionId()}),
 * its far end, and a "ready" promise that completes when it can carry messages (at once for an accepted
 * connection, on connect for ours). Writes may be issued from any thread, also before the connect completes.
 */
public final class Connection {

    /** Where a channel keeps its connection. */
    public static final AttributeKey<Connection> KEY = AttributeKey.valueOf("callisto.connection");

    private final long id;
    private final Transport transport;
    private final InetSocketAddress remote;
    private final boolean outbound;
    private final EventLoop loop;
    private final Promise<Void> ready;
    private final Counters counters;
    private volatile Channel channel;
    private volatile Flow flow;
    private volatile boolean counted;
    /** Client keep-alive, on connections we opened (touched on the channel's loop only). */
    KeepAlive keepAlive;

    /**
     * A connection served by {@code loop}: its channel is registered there (for one we open) or already is (for
     * an accepted one), and its ready promise notifies there, so queued writes go out in order and before
     * anything the loop schedules later (keep-alive pings).
     */
    public Connection(long id, Transport transport, InetSocketAddress remote, boolean outbound,
            EventLoop loop, Counters counters) {
        this.id = id;
        this.transport = transport;
        this.remote = remote;
        this.outbound = outbound;
        this.loop = loop;
        this.ready = loop.newPromise();
        this.counters = counters;
    }

    /** The connection id (nonzero, unique within one transport layer). */
    public long id() {
        return id;
    }

    /** TCP or TLS. */
    public Transport transport() {
        return transport;
    }

    /** The far end: the address we connected to, or the peer's source address. */
    public InetSocketAddress remote() {
        return remote;
    }

    /** True for a connection we opened. */
    public boolean outbound() {
        return outbound;
    }

    /** The event loop that serves this connection. */
    public EventLoop loop() {
        return loop;
    }

    /** The channel, or null before it is created. */
    public Channel channel() {
        return channel;
    }

    /** Binds the connection to its channel (idempotent). */
    public void attach(Channel ch) {
        this.channel = ch;
    }

    /** Marks it able to carry messages. */
    public void markReady() {
        ready.trySuccess(null);
    }

    /** Marks the connect as failed; pending writes fail with {@code cause}. */
    public void fail(Throwable cause) {
        ready.tryFailure(cause);
    }

    /** Records that the connection counts in the open-connections gauge (decremented once on close). */
    public void setCounted() {
        counted = true;
    }

    /** True (once) when the connection was counted as open; the caller then decrements the gauge. */
    public boolean uncount() {
        boolean was = counted;
        counted = false;
        return was;
    }

    /** True unless the connect failed or the channel is closed. */
    public boolean usable() {
        if (ready.isDone() && !ready.isSuccess()) {
            return false;
        }
        Channel ch = channel;
        return ch == null || ch.isOpen();
    }

    /** The flow of this connection (local address known once connected). */
    public Flow flow() {
        Flow f = flow;
        if (f == null) {
            Channel ch = channel;
            InetSocketAddress local = ch == null ? null : (InetSocketAddress) ch.localAddress();
            f = new Flow(transport, local, remote, id);
            if (local != null) {
                flow = f;
            }
        }
        return f;
    }

    /** Writes one message (or keep-alive) once the connection is ready; reports to {@code l} (may be null). */
    public void write(byte[] bytes, SendListener l) {
        if (ready.isSuccess()) {
            doWrite(bytes, l);
        } else {
            ready.addListener(f -> {
                if (f.isSuccess()) {
                    doWrite(bytes, l);
                } else {
                    counters.sendFailures.increment();
                    Notify.failed(l, f.cause());
                }
            });
        }
    }

    private void doWrite(byte[] bytes, SendListener l) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            counters.sendFailures.increment();
            Notify.failed(l, new java.nio.channels.ClosedChannelException());
            return;
        }
        ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent(transport);
                Notify.sent(l, flow());
            } else {
                counters.sendFailures.increment();
                Notify.failed(l, f.cause());
            }
        });
    }

    /** Closes the channel (if any) and fails pending writes. */
    public void close() {
        fail(new java.nio.channels.ClosedChannelException());
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public String toString() {
        return "#" + id + " " + transport.viaToken() + (outbound ? " to " : " from ") + remote;
    }
}
