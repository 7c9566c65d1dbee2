package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.message.Messages;
import io.callisto.transport.internal.SctpSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SCTP (RFC 4168) between two transport layers on loopback where this host supports it, and the clear refusal where
 * it does not (many containers: no kernel SCTP module). Which of the two a run exercises depends on the host; each
 * asserts what that host must do. The framing itself is covered host-independently by {@code SctpHandlerTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SctpTransportTest {

    @Test
    void requestAndResponseOverOneAssociationOrAClearReasonWhySctpIsMissing() throws Exception {
        TransportConfig config = Peer.loopback("127.0.0.1", Transport.UDP, Transport.SCTP).build();
        if (!SctpSupport.available()) {
            assertThatThrownBy(() -> Peer.start(config)).isInstanceOf(IOException.class)
                    .hasMessageContaining("SCTP is not available on this host")
                    .hasMessageContaining("modprobe sctp")
                    .hasMessageContaining("libsctp");
            try (Peer udpOnly = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build())) {
                SendProbe probe = new SendProbe();
                udpOnly.layer.send(TestMessages.options(), new Destination(Transport.SCTP,
                        new InetSocketAddress("127.0.0.1", 5060)), probe);
                assertThatThrownBy(probe::flow).hasMessageContaining("SCTP is not available on this host");
            }
            return;
        }
        try (Peer a = Peer.start(config); Peer b = Peer.start(config)) {
            Flow sent = a.sendRequest(TestMessages.options(), new Destination(Transport.SCTP,
                    b.address(Transport.SCTP)));
            assertThat(sent.connected()).isTrue();
            Peer.Inbound in = b.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.SCTP);
            assertThat(in.message().topVia().transport()).isEqualTo("SCTP");
            Flow back = b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(back.connectionId()).as("§18.2.2: the association the request came on")
                    .isEqualTo(in.flow().connectionId());
            assertThat(a.next().response().status()).isEqualTo(200);
        }
    }
}
