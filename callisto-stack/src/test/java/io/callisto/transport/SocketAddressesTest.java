package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The address spellings accepted for listening points and peers, and what is said about wrong ones. */
class SocketAddressesTest {

    @Test
    void hostPortIpv6AndDefaultPorts() {
        InetSocketAddress a = SocketAddresses.parse("127.0.0.1:5070", -1);
        assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(a.getPort()).isEqualTo(5070);
        assertThat(SocketAddresses.parse(" [::1]:5061 ", -1).getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(SocketAddresses.parse("[::1]", 5060).getPort()).isEqualTo(5060);
        assertThat(SocketAddresses.parse("127.0.0.1", 5080).getPort()).isEqualTo(5080);
        assertThat(SocketAddresses.parse("localhost:0", -1).getPort()).isZero();
    }

    @Test
    void wrongSpellingsAreNamed() {
        assertThatThrownBy(() -> SocketAddresses.parse("127.0.0.1", -1)).hasMessageContaining("no port");
        assertThatThrownBy(() -> SocketAddresses.parse("::1:5060", -1)).hasMessageContaining("brackets");
        assertThatThrownBy(() -> SocketAddresses.parse("[::1:5060", -1)).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> SocketAddresses.parse("[::1]5060", -1)).hasMessageContaining("':PORT'");
        assertThatThrownBy(() -> SocketAddresses.parse("127.0.0.1:65536", -1)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> SocketAddresses.parse("127.0.0.1:x", 5060)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> SocketAddresses.parse(":5060", -1)).hasMessageContaining("no host");
        assertThatThrownBy(() -> SocketAddresses.parse("  ", 5060)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SocketAddresses.parse("no-such-host.invalid:5060", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not resolve");
    }
}
