package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration (§10.2) against a scripted registrar with digest challenges (§22), on the virtual clock. */
class RegistrationTest {

    private final UaHarness h = new UaHarness();
    private final RawPeer registrar = new RawPeer(h.net, 5060);
    private final List<SipRequest> registers = new ArrayList<>();
    private int minExpires;

    private UserAgent alice() {
        return h.ua(UserAgentConfig.builder("sip:alice@example.com")
                .credentials("alice", "secret")
                .registrar(new Destination(Transport.UDP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060)))
                .registerExpires(120)
                .build(), 5061);
    }

    RegistrationTest() {
        registrar.onMessage = m -> {
            if (!(m instanceof SipRequest req) || !req.isMethod("REGISTER")) {
                return;
            }
            registers.add(req);
            String expires = req.header("Expires");
            SipResponse r;
            if (req.first(Headers.AUTHORIZATION) == null) {
                r = Messages.responseTo(req, 401, null, "reg");
                r.setHeader("WWW-Authenticate",
                        "Digest realm=\"example.com\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256");
            } else if (minExpires > 0 && Integer.parseInt(expires) < minExpires) {
                r = Messages.responseTo(req, 423, null, "reg");
                r.setHeader("Min-Expires", String.valueOf(minExpires));
            } else {
                r = Messages.responseTo(req, 200, null, "reg");
                if (!"0".equals(expires)) {
                    r.setHeader("Contact", req.header("Contact") + ";expires=" + expires);
                }
            }
            registrar.send(r, 5061);
        };
    }

    @Test
    void challengedRegisterIsAnsweredAndRefreshedBeforeExpiry() {
        Registration reg = alice().register();
        h.settle();
        assertThat(reg.registered()).isCompleted();
        assertThat(reg.isRegistered()).isTrue();
        assertThat(reg.grantedExpires()).isEqualTo(120);
        assertThat(registers).hasSize(2);
        SipRequest first = registers.get(0);
        SipRequest second = registers.get(1);
        assertThat(first.requestUriText()).isEqualTo("sip:example.com");
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.cseq().number()).isEqualTo(first.cseq().number() + 1);
        Credentials c = second.first(Headers.AUTHORIZATION);
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(c.nonceCount()).isEqualTo(1);
        assertThat(c.response()).hasSize(64);

        h.run(89_000);
        assertThat(registers).hasSize(2);
        h.run(2_000); // refresh 30 s before the 120 s expiry
        assertThat(registers).hasSize(3);
        SipRequest refresh = registers.get(2);
        assertThat(refresh.callId()).isEqualTo(first.callId());
        assertThat(refresh.first(Headers.AUTHORIZATION).nonceCount()).as("the cached challenge is reused").isEqualTo(2);
        assertThat(reg.isRegistered()).isTrue();
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() {
        minExpires = 600;
        Registration reg = alice().register();
        h.settle();
        assertThat(reg.isRegistered()).isTrue();
        assertThat(reg.grantedExpires()).isEqualTo(600);
        assertThat(registers.get(registers.size() - 1).header("Expires")).isEqualTo("600");
    }

    @Test
    void unregisterSendsExpiresZero() {
        Registration reg = alice().register();
        h.settle();
        var done = reg.unregister();
        h.settle();
        assertThat(done).isCompleted();
        assertThat(reg.isRegistered()).isFalse();
        assertThat(registers.get(registers.size() - 1).header("Expires")).isEqualTo("0");
        h.run(200_000);
        assertThat(registers.get(registers.size() - 1).header("Expires")).as("no refresh after removal").isEqualTo("0");
    }

    @Test
    void wrongCredentialsFailInsteadOfLooping() {
        registrar.onMessage = m -> {
            if (m instanceof SipRequest req) {
                registers.add(req);
                SipResponse r = Messages.responseTo(req, 401, null, "reg");
                r.setHeader("WWW-Authenticate", "Digest realm=\"example.com\", nonce=\"n1\", qop=\"auth\"");
                registrar.send(r, 5061);
            }
        };
        Registration reg = alice().register();
        h.settle();
        assertThat(reg.registered()).isCompletedExceptionally();
        assertThat(registers.size()).isLessThanOrEqualTo(3);
    }
}
