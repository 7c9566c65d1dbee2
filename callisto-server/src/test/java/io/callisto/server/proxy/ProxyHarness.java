package io.callisto.server.proxy;

import io.callisto.server.location.Binding;
import io.callisto.server.location.MemoryLocationStore;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.Flow;
import io.callisto.ua.MemoryNetwork;
import io.callisto.ua.RawPeer;
import io.callisto.ua.SipStack;
import io.callisto.transport.Destination;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.TransportLayer;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A proxy on the stack's in-memory network and virtual clock, with hand-driven peers: a caller (alice) and callees
 * (two contacts of bob, and a next-hop proxy). Every message crosses the network as bytes and is parsed again.
 */
final class ProxyHarness {

    static final int PROXY = 5060;
    static final int ALICE = 5070;
    static final int BOB1 = 5080;
    static final int BOB2 = 5081;
    static final int NEXT = 5090;
    /** The wall clock the location store sees (bindings expire an hour later). */
    static final long NOW = 1_700_000_000_000L;

    final MemoryNetwork net = new MemoryNetwork();
    final MemoryLocationStore locations = new MemoryLocationStore(() -> NOW);
    final SipStack stack;
    final Proxy proxy;
    final RawPeer alice;
    final RawPeer bob1;
    final RawPeer bob2;
    final RawPeer next;
    private int branches;

    ProxyHarness() {
        this(ProxyConfig.builder().domain("example.com").build());
    }

    ProxyHarness(ProxyConfig config) {
        this(config, TimerConfig.DEFAULT, Set.of());
    }

    /**
     * A proxy with {@code timers}, whose sends to the ports in {@code unreachable} fail as a refused connection
     * would (the transport reports the failure; the client transaction turns it into a local 503).
     */
    ProxyHarness(ProxyConfig config, TimerConfig timers, Set<Integer> unreachable) {
        TransportLayer endpoint = net.endpoint(PROXY);
        stack = new SipStack(unreachable.isEmpty() ? endpoint : new Unreachable(endpoint, unreachable), net.time,
                timers, null);
        proxy = new Proxy(config, stack.transactions(), stack.transport(), net.time, locations, "node-1");
        stack.setUser(new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                proxy.onRequest(transaction);
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
                proxy.onAck(ack, flow);
            }

            @Override
            public void onStrayResponse(SipResponse response, Flow flow) {
                proxy.onStrayResponse(response, flow);
            }
        });
        alice = new RawPeer(net, ALICE);
        bob1 = new RawPeer(net, BOB1);
        bob2 = new RawPeer(net, BOB2);
        next = new RawPeer(net, NEXT);
    }

    // ------------------------------------------------------------------------------------------------ location

    void register(String aor, String contact, double q) {
        bind(new Binding(aor, contact, q, NOW + 3_600_000, "reg-" + contact, 1, null, 0, List.of(), null, null,
                "node-1", null, NOW));
    }

    void bind(Binding b) {
        locations.update(b.aor(), List.of(b), List.of()).join();
    }

    // ------------------------------------------------------------------------------------------------ time

    /** Delivers everything queued, without moving the clock. */
    void settle() {
        net.time.runPending();
    }

    void advance(long millis) {
        net.time.advance(millis);
    }

    // ------------------------------------------------------------------------------------------------ messages

    /** A request as text from {@code fromPort} (its Via), with a fresh branch and the given extra header lines. */
    String request(String method, String ruri, String callId, long cseq, int fromPort, String... extra) {
        return requestWithBranch(method, ruri, callId, cseq, fromPort, "z9hG4bKpeer" + (++branches), extra);
    }

    static String requestWithBranch(String method, String ruri, String callId, long cseq, int fromPort, String branch,
            String... extra) {
        StringBuilder b = new StringBuilder()
                .append(method).append(' ').append(ruri).append(" SIP/2.0\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(fromPort).append(";branch=").append(branch).append('\n')
                .append("Max-Forwards: 70\n")
                .append("From: <sip:alice@example.com>;tag=alice1\n")
                .append("To: <sip:bob@example.com>\n")
                .append("Call-ID: ").append(callId).append('\n')
                .append("CSeq: ").append(cseq).append(' ').append(method).append('\n')
                .append("Contact: <sip:alice@127.0.0.1:").append(fromPort).append(">\n");
        for (String h : extra) {
            b.append(h).append('\n');
        }
        return b.append("Content-Length: 0\n\n").toString();
    }

    /** A CANCEL for an INVITE sent as text: same Request-URI, Call-ID, From, To, CSeq number and Via branch. */
    static SipRequest cancelFor(String invite) {
        return Messages.cancelFor(parse(invite));
    }

    static SipRequest parse(String text) {
        return (SipRequest) io.callisto.sip.message.SipParser.DEFAULT.parseDatagram(
                text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * {@code peer} answers {@code req} with {@code status} (To tag {@code toTag}); a 2xx to a dialog-forming
     * request copies Record-Route and adds a Contact, as a UAS does (§12.1.1). Sent to the proxy.
     */
    SipResponse respond(RawPeer peer, SipRequest req, int status, String toTag, String... extra) {
        SipResponse r = Messages.responseTo(req, status, null, toTag);
        if (status >= 101 && status < 300) {
            for (String rr : req.headers(HeaderName.RECORD_ROUTE.canonical())) {
                r.addHeader("Record-Route", rr);
            }
            r.addHeader("Contact", "<sip:bob@127.0.0.1:" + peer.endpoint.listeningPoints().get(0).port() + ">");
        }
        for (String h : extra) {
            int colon = h.indexOf(':');
            r.addHeader(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        peer.send(r, PROXY);
        return r;
    }

    static List<SipRequest> requests(RawPeer peer, String method) {
        List<SipRequest> out = new ArrayList<>();
        for (SipMessage m : peer.received) {
            if (m instanceof SipRequest r && r.isMethod(method)) {
                out.add(r);
            }
        }
        return out;
    }

    static SipRequest last(RawPeer peer, String method) {
        List<SipRequest> all = requests(peer, method);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    static List<SipResponse> responses(RawPeer peer, String method) {
        List<SipResponse> out = new ArrayList<>();
        for (SipMessage m : peer.received) {
            if (m instanceof SipResponse r && r.cseq().method().equals(method)) {
                out.add(r);
            }
        }
        return out;
    }

    static List<Integer> statuses(RawPeer peer, String method) {
        return responses(peer, method).stream().map(SipResponse::status).toList();
    }

    /** A transport whose sends to some ports fail (on the caller's thread, as a refused connect may). */
    private record Unreachable(TransportLayer inner, Set<Integer> ports) implements TransportLayer {

        @Override
        public List<ListeningPoint> listeningPoints() {
            return inner.listeningPoints();
        }

        @Override
        public void setHandler(InboundHandler handler) {
            inner.setHandler(handler);
        }

        @Override
        public void start() throws IOException {
            inner.start();
        }

        @Override
        public Destination prepare(SipRequest request, Destination destination) {
            return inner.prepare(request, destination);
        }

        @Override
        public void send(SipMessage message, Destination destination, SendListener listener) {
            if (ports.contains(destination.address().getPort())) {
                if (listener != null) {
                    listener.onFailure(new ConnectException("refused (test)"));
                }
                return;
            }
            inner.send(message, destination, listener);
        }

        @Override
        public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
            inner.sendResponse(response, requestFlow, listener);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
