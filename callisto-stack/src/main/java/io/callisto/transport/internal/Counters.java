package io.callisto.transport.internal;

import io.callisto.transport.Transport;
import io.callisto.transport.TransportStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; updated from any I/O thread without locks. */
public final class Counters {

    private final LongAdder[] in = adders(Transport.values().length);
    private final LongAdder[] out = adders(Transport.values().length);
    public final LongAdder malformed = new LongAdder();
    public final LongAdder oversize = new LongAdder();
    public final LongAdder badRequestsSent = new LongAdder();
    public final LongAdder responsesDiscarded = new LongAdder();
    public final LongAdder udpLost = new LongAdder();
    public final LongAdder sendFailures = new LongAdder();
    /** Open connections; also the gauge that enforces maxConnections. */
    public final AtomicInteger connectionsOpen = new AtomicInteger();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsAccepted = new LongAdder();
    public final LongAdder connectionsRejected = new LongAdder();
    public final LongAdder connectionsClosedIdle = new LongAdder();
    public final LongAdder pingsSent = new LongAdder();
    public final LongAdder pongsReceived = new LongAdder();
    public final LongAdder pingsReceived = new LongAdder();
    public final LongAdder keepAliveFailures = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** One message handed to the handler. */
    public void received(Transport t) {
        in[t.ordinal()].increment();
    }

    /** One message written to a socket. */
    public void sent(Transport t) {
        out[t.ordinal()].increment();
    }

    /** The counters as they are now. */
    public TransportStats snapshot() {
        return new TransportStats(
                in[Transport.UDP.ordinal()].sum(), out[Transport.UDP.ordinal()].sum(),
                in[Transport.TCP.ordinal()].sum(), out[Transport.TCP.ordinal()].sum(),
                in[Transport.TLS.ordinal()].sum(), out[Transport.TLS.ordinal()].sum(),
                malformed.sum(), oversize.sum(), badRequestsSent.sum(), responsesDiscarded.sum(), udpLost.sum(),
                sendFailures.sum(), connectionsOpen.get(), connectionsOpened.sum(), connectionsAccepted.sum(),
                connectionsRejected.sum(), connectionsClosedIdle.sum(), pingsSent.sum(), pongsReceived.sum(),
                pingsReceived.sum(), keepAliveFailures.sum(),
                in[Transport.WS.ordinal()].sum(), out[Transport.WS.ordinal()].sum(),
                in[Transport.WSS.ordinal()].sum(), out[Transport.WSS.ordinal()].sum());
    }
}
