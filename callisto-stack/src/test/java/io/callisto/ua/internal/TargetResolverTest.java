package io.callisto.ua.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import io.callisto.transport.dns.ServerLocator;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket targets (RFC 7118 §5, §5.5) in the UA's target resolution. */
class TargetResolverTest {

    private final TargetResolver resolver = new TargetResolver(ServerLocator::shared);

    @Test
    void wsTransportParameterNamesWsAndWssWithSips() {
        assertThat(TargetResolver.transportOf((SipUri) Uri.parse("sip:a@h;transport=ws"))).isEqualTo(Transport.WS);
        assertThat(TargetResolver.transportOf((SipUri) Uri.parse("sips:a@h;transport=ws"))).isEqualTo(Transport.WSS);
        assertThat(TargetResolver.transportOf((SipUri) Uri.parse("sip:a@h;transport=wss")))
                .isEqualTo(Transport.WSS);
    }

    @Test
    void aBrowsersMadeUpHostFailsClearlyWithoutAskingDns() throws Exception {
        var f = resolver.resolve(Uri.parse("sip:alice@df7jal23ls0d.invalid;transport=ws"));
        assertThat(f).isCompletedExceptionally();
        try {
            f.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UnknownHostException.class)
                    .hasMessageContaining("can only be reached over the connection it opened");
        }
    }

    @Test
    void aNumericWsTargetResolvesToItsDefaultPort() throws Exception {
        Destination d = resolver.resolve(Uri.parse("sip:alice@192.0.2.7;transport=ws")).get(1, TimeUnit.SECONDS);
        assertThat(d.transport()).isEqualTo(Transport.WS);
        assertThat(d.address().getPort()).isEqualTo(80);
    }
}
