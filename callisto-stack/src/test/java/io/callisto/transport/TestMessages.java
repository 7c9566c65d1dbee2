package io.callisto.transport;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests for transport tests. */
final class TestMessages {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestMessages() {
    }

    /** An OPTIONS whose Via the transport will rewrite (prepare). */
    static SipRequest options() {
        return request("OPTIONS", null);
    }

    /** A MESSAGE with a body of {@code bodySize} bytes. */
    static SipRequest message(int bodySize) {
        return request("MESSAGE", "x".repeat(bodySize));
    }

    static SipRequest request(String method, String body) {
        int n = SEQ.incrementAndGet();
        MessageBuilder b = MessageBuilder.request(method, Uri.parse("sip:bob@example.com"))
                .via(Via.of("UDP", "placeholder.invalid", 5060, Via.MAGIC_COOKIE + "test" + n))
                .maxForwards(70)
                .to(NameAddress.parse("Bob <sip:bob@example.com>"))
                .from(NameAddress.parse("Alice <sip:alice@example.com>;tag=a" + n))
                .callId("call-" + n + "@test")
                .cseq(n, method);
        if (body != null) {
            b.body(io.callisto.sip.header.MediaType.parse("text/plain"), body.getBytes(StandardCharsets.UTF_8));
        }
        return b.buildRequest();
    }

    /** CRLF line ends for raw text written with \n. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
