package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.nio.sctp.MessageInfo;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.parse.ParserLimits;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.sctp.SctpMessage;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SIP side of an SCTP association (RFC 4168), host-independent: SCTP messages are fed to the handler in an
 * embedded channel, so no kernel SCTP is needed.
 */
class SctpHandlerTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    private static final String OPTIONS = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/SCTP 127.0.0.1:40000;branch=z9hG4bKsctp1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@127.0.0.1>;tag=a\r\n"
            + "To: <sip:bob@127.0.0.1>\r\n"
            + "Call-ID: sctp-1\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final int MAX = 1024;

    private final Counters counters = new Counters();
    private final List<SipMessage> received = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final EmbeddedChannel channel;

    SctpHandlerTest() {
        SipParser parser = new SipParser(ParserLimits.DEFAULT);
        InboundProcessor processor = new InboundProcessor(parser, counters);
        processor.setPoints(new LocalPoints(List.of(new ListeningPoint(Transport.SCTP, LOCAL, null))));
        processor.setHandler((m, f) -> {
            received.add(m);
            flows.add(f);
        });
        StreamContext context = new StreamContext(parser, processor, new ConnectionTable(), counters, 10, 0, 0, 0,
                1000);
        channel = new AddressedChannel();
        Connection c = new Connection(1, Transport.SCTP, REMOTE, false, channel.eventLoop(), counters);
        c.attach(channel);
        c.markReady();
        channel.pipeline().addLast(new SctpHandler(c, context, MAX));
    }

    @Test
    void oneSctpMessageIsOneSipMessageWithoutStreamFraming() {
        channel.writeInbound(new SctpMessage(0, 0, bytes(OPTIONS)));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).callId()).isEqualTo("sctp-1");
        assertThat(flows.get(0).transport()).isEqualTo(Transport.SCTP);
        assertThat(flows.get(0).remote()).isEqualTo(REMOTE);
        assertThat(flows.get(0).connectionId()).isEqualTo(1);
    }

    @Test
    void aMessageDeliveredInPartsIsJoinedFirst() {
        String[] parts = {OPTIONS.substring(0, 40), OPTIONS.substring(40, 100), OPTIONS.substring(100)};
        channel.writeInbound(part(parts[0], false));
        channel.writeInbound(part(parts[1], false));
        assertThat(received).isEmpty();
        channel.writeInbound(part(parts[2], true));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).callId()).isEqualTo("sctp-1");
    }

    @Test
    void aMessageLargerThanTheMaximumClosesTheAssociation() {
        channel.writeInbound(part("x".repeat(MAX - 10), false));
        assertThat(channel.isOpen()).isTrue();
        channel.writeInbound(part("x".repeat(20), false));
        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.oversize.sum()).isEqualTo(1);
        assertThat(received).isEmpty();
    }

    @Test
    void aMalformedMessageGetsA400OverTheAssociationAndNothingIsDelivered() {
        channel.writeInbound(new SctpMessage(0, 0, bytes(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"))));
        assertThat(received).isEmpty();
        SctpMessage out = channel.readOutbound();
        assertThat(out).isNotNull();
        assertThat(out.content().toString(StandardCharsets.UTF_8)).startsWith("SIP/2.0 400 ");
        out.release();
    }

    @Test
    void aCrlfPingGetsACrlfPongAsOneSctpMessageOnStreamZeroWithPayloadProtocolZero() {
        channel.writeInbound(new SctpMessage(0, 0, bytes("\r\n\r\n")));
        SctpMessage pong = channel.readOutbound();
        assertThat(pong.protocolIdentifier()).as("RFC 4168 §5").isZero();
        assertThat(pong.streamIdentifier()).isZero();
        assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        pong.release();
        assertThat(received).isEmpty();
    }

    @Test
    void outgoingBytesBecomeOneSctpMessage() {
        channel.writeOutbound(bytes(OPTIONS));
        SctpMessage out = channel.readOutbound();
        assertThat(out.protocolIdentifier()).isZero();
        assertThat(out.content().toString(StandardCharsets.UTF_8)).isEqualTo(OPTIONS);
        out.release();
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static SctpMessage part(String s, boolean last) {
        MessageInfo info = MessageInfo.createOutgoing(null, 0).complete(last);
        return new SctpMessage(info, bytes(s));
    }

    /** An embedded channel with socket addresses, as a {@link Connection} expects. */
    private static final class AddressedChannel extends EmbeddedChannel {
        AddressedChannel() {
            super(new ChannelHandler[0]);
        }

        @Override
        protected SocketAddress localAddress0() {
            return LOCAL;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return REMOTE;
        }
    }
}
