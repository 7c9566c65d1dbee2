package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callisto ua} with bad arguments, as a separate process: exit status 2 (usage error), a message on standard
 * error that says what is wrong, nothing on standard output, and no socket bound (the check comes before).
 */
class UaArgumentsIT {

    @Test
    void unknownTransportExits2(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(dir, "ua", 30, "ua", "--transport", "foo", "--answer", "--bind", "127.0.0.1:0");
        assertThat(r.exitCode()).as("exit code\n%s", r.stderr()).isEqualTo(2);
        assertThat(firstLine(r.stderr())).isEqualTo("--transport must be udp, tcp, tls or sctp, not 'foo'");
        assertThat(r.stdout()).as("no listening line: nothing was bound").isEmpty();
    }

    /**
     * SCTP (RFC 4168) where this host lacks it (no kernel module, as in most containers): exit 1 with the reason and
     * what to install; where it has it, the UA listens on an SCTP point. Each run asserts what its host must do.
     */
    @Test
    void sctpListensOrSaysWhyItCannot(@TempDir Path dir) throws Exception {
        if (io.callisto.transport.internal.SctpSupport.available()) {
            try (Cli ua = Cli.start(dir, "ua", "ua", "--transport", "sctp", "--answer", "--bind", "127.0.0.1:0")) {
                assertThat(ua.awaitListening(1).port("sctp")).isPositive();
            }
            return;
        }
        Cli.Result r = Cli.run(dir, "ua", 30, "ua", "--transport", "sctp", "--answer", "--bind", "127.0.0.1:0");
        assertThat(r.exitCode()).as("exit code\n%s", r.stderr()).isEqualTo(1);
        assertThat(firstLine(r.stderr())).startsWith("callisto ua: SCTP is not available on this host")
                .contains("modprobe sctp").contains("libsctp");
    }

    @Test
    void callTargetThatIsNoUriExits2(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(dir, "ua", 30, "ua", "--call", "not-a-uri", "--bind", "127.0.0.1:0");
        assertThat(r.exitCode()).as("exit code\n%s", r.stderr()).isEqualTo(2);
        // The parser's own words ("':' expected after URI scheme at offset 9"), then the usage.
        assertThat(firstLine(r.stderr())).containsIgnoringCase("URI");
        assertThat(r.stderr()).contains("Usage: callisto ua");
        assertThat(r.stdout()).isEmpty();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
