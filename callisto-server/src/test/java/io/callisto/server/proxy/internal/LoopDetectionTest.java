package io.callisto.server.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/** The two-part branch of RFC 3261 §16.6 step 8. */
class LoopDetectionTest {

    private static SipRequest invite() {
        return RecordRoutingTest.request("INVITE", "<sip:bob@example.com>", "<sip:a@192.0.2.50>");
    }

    @Test
    void branchHasTheCookieAUniquePartAndTheFingerprint() {
        String fp = LoopDetection.fingerprint(invite());
        assertThat(fp).matches("[0-9a-f]{16}");
        String b1 = LoopDetection.branch(fp);
        String b2 = LoopDetection.branch(fp);
        assertThat(b1).startsWith("z9hG4bK").endsWith("." + fp).isNotEqualTo(b2);
    }

    @Test
    void fingerprintFollowsTheFieldsThatDecideRoutingButNotTheMethodOrTopVia() {
        SipRequest a = invite();
        String fp = LoopDetection.fingerprint(a);
        SipRequest other = invite();
        other.setHeader("Via", "SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKzzz");
        assertThat(LoopDetection.fingerprint(other)).isEqualTo(fp);
        SipRequest cancel = RecordRoutingTest.request("CANCEL", "<sip:bob@example.com>", "<sip:a@192.0.2.50>");
        cancel.setHeader("CSeq", "1 CANCEL");
        assertThat(LoopDetection.fingerprint(cancel)).isEqualTo(fp); // §16.6 step 8: the method is left out

        SipRequest routed = invite();
        routed.addHeader("Route", "<sip:p.example.net;lr>");
        assertThat(LoopDetection.fingerprint(routed)).isNotEqualTo(fp);
        SipRequest retargeted = invite();
        retargeted.setRequestUri(io.callisto.sip.uri.Uri.parse("sip:robert@example.com"));
        assertThat(LoopDetection.fingerprint(retargeted)).isNotEqualTo(fp);
        SipRequest required = invite();
        required.addHeader("Proxy-Require", "foo");
        assertThat(LoopDetection.fingerprint(required)).isNotEqualTo(fp);
    }
}
