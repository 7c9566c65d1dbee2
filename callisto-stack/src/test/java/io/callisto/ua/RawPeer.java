package io.callisto.ua;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A hand-driven peer on the memory network: sends literal messages, records what it receives. */
public final class RawPeer {

    public final MemoryNetwork.Endpoint endpoint;
    public final List<SipMessage> received = new ArrayList<>();
    Consumer<SipMessage> onMessage = m -> { };

    public RawPeer(MemoryNetwork net, int port) {
        endpoint = net.endpoint(port);
        endpoint.setHandler((m, flow) -> {
            received.add(m);
            onMessage.accept(m);
        });
    }

    public void send(String text, int toPort) {
        send(SipParser.DEFAULT.parseDatagram(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), toPort);
    }

    public void send(SipMessage m, int toPort) {
        endpoint.send(m, new Destination(Transport.UDP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), toPort)), null);
    }

    public SipResponse lastResponse() {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i) instanceof SipResponse r) {
                return r;
            }
        }
        return null;
    }
}
