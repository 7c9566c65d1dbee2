package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code callisto ua} listens. docs/user-agent.md: "With UDP the UA also listens on TCP at the same port for
 * large requests (§18.1.1)", and "Port 0 picks a free port".
 */
class UaPortsIT {

    /** With an explicit port, UDP and TCP share it. */
    @Test
    void udpAndTcpShareAnExplicitPort(@TempDir Path dir) throws Exception {
        int port = Sipp.freeUdpPort();
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:" + port, "--answer")) {
            Cli.Listening points = ua.awaitListening(2);
            assertThat(points.port("udp")).isEqualTo(port);
            assertThat(points.port("tcp")).isEqualTo(port);
        }
    }

    /**
     * RFC 3261 §18.1.1: a request that would exceed 1300 bytes MUST go over a congestion-controlled transport such
     * as TCP, to the same address and port the UA advertises (its Contact and Via carry the UDP port). So the TCP
     * listener must be on the UDP port, also when that port was picked at bind time.
     */
    @Test
    void udpAndTcpShareThePortPickedForPortZero(@TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer")) {
            Cli.Listening points = ua.awaitListening(2);
            assertThat(points.port("tcp")).as("TCP port (UDP is %d)", points.port("udp"))
                    .isEqualTo(points.port("udp"));
        }
    }
}
