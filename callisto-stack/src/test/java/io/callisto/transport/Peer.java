package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A started transport layer for tests, collecting what it receives. Every wait is bounded. */
final class Peer implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    /** A message the handler got, with its flow. */
    record Inbound(SipMessage message, Flow flow) {
        SipRequest request() {
            return (SipRequest) message;
        }

        SipResponse response() {
            return (SipResponse) message;
        }
    }

    final NettyTransportLayer layer;
    final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();

    private Peer(NettyTransportLayer layer) {
        this.layer = layer;
    }

    static Peer start(TransportConfig config) throws IOException {
        NettyTransportLayer layer = new NettyTransportLayer(config);
        Peer p = new Peer(layer);
        layer.setHandler((m, f) -> p.inbox.add(new Inbound(m, f)));
        try {
            layer.start();
        } catch (IOException | RuntimeException e) {
            layer.close();
            throw e;
        }
        return p;
    }

    /** A config builder with loopback listening points of the given transports on ephemeral ports. */
    static TransportConfig.Builder loopback(String host, Transport... transports) {
        TransportConfig.Builder b = TransportConfig.builder().ioThreads(2);
        for (Transport t : transports) {
            b.listen(t, new InetSocketAddress(host, 0));
        }
        return b;
    }

    ListeningPoint point(Transport t) {
        return layer.listeningPoints().stream().filter(lp -> lp.transport() == t).findFirst().orElseThrow();
    }

    InetSocketAddress address(Transport t) {
        return point(t).address();
    }

    /** The next message, failing the test after {@value #WAIT_SECONDS} s. */
    Inbound next() throws InterruptedException {
        Inbound in = inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(in).as("a message within %d s", WAIT_SECONDS).isNotNull();
        return in;
    }

    /** The next message within {@code millis}, or null. */
    Inbound poll(long millis) throws InterruptedException {
        return inbox.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends and waits for the outcome; returns the flow it left on. */
    Flow sendAndWait(SipMessage m, Destination d) throws Exception {
        SendProbe probe = new SendProbe();
        layer.send(m, d, probe);
        return probe.flow();
    }

    /** Prepares a request (§18.1.1), sends it and waits; returns the flow. */
    Flow sendRequest(SipRequest r, Destination d) throws Exception {
        return sendAndWait(r, layer.prepare(r, d));
    }

    Flow respondAndWait(SipResponse r, Flow requestFlow) throws Exception {
        SendProbe probe = new SendProbe();
        layer.sendResponse(r, requestFlow, probe);
        return probe.flow();
    }

    @Override
    public void close() {
        layer.close();
    }
}
