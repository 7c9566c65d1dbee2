package io.callisto.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the CRLF keep-alive on a connection we opened (RFC 5626 §4.4.1, §3.5.1): a CRLFCRLF ping
 * every interval (jittered between 80% and 100% of it, as §4.4.1 asks), and the connection is closed as failed
 * when no CRLF pong arrives within the timeout after a ping. Runs on the channel's event loop only.
 */
final class KeepAlive {

    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);
    private static final byte[] PING = {'\r', '\n', '\r', '\n'};

    private final Channel channel;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Counters counters;
    private long pingsSent;
    /** Pings sent before the last pong arrived: all of them count as answered. */
    private long answered;
    private ScheduledFuture<?> next;
    private boolean stopped;

    KeepAlive(Channel channel, long intervalMillis, long timeoutMillis, Counters counters) {
        this.channel = channel;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
    }

    /** Schedules the first ping. */
    void start() {
        scheduleNext();
    }

    /** A pong arrived: every ping so far is answered. */
    void onPong() {
        answered = pingsSent;
    }

    /** Stops pinging (the connection closed). */
    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        long delay = intervalMillis - (long) (intervalMillis * 0.2 * ThreadLocalRandom.current().nextDouble());
        next = channel.eventLoop().schedule(this::ping, Math.max(1, delay), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        if (stopped || !channel.isActive()) {
            return;
        }
        long n = ++pingsSent;
        counters.pingsSent.increment();
        channel.writeAndFlush(Unpooled.wrappedBuffer(PING));
        channel.eventLoop().schedule(() -> check(n), timeoutMillis, TimeUnit.MILLISECONDS);
        scheduleNext();
    }

    private void check(long ping) {
        if (!stopped && answered < ping && channel.isActive()) {
            counters.keepAliveFailures.increment();
            log.debug("no keep-alive pong on {} within {} ms: closing the flow", channel, timeoutMillis);
            channel.close();
        }
    }

    /**
     * A message-oriented transport's keep-alive ping (WebSocket, SCTP): a message of CR and LF only, at least
     * CRLFCRLF (RFC 5626 §3.5.1), answered with a CRLF pong.
     */
    static boolean isPing(byte[] b) {
        if (b.length < 4) {
            return false;
        }
        for (byte x : b) {
            if (x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }
}
