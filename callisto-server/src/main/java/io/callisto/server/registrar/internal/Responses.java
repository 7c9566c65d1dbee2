package io.callisto.server.registrar.internal;

import io.callisto.server.location.Binding;
import io.callisto.server.registrar.ContactValues;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.SipDate;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The responses a registrar sends (RFC 3261 §10.3 step 8, §8.2.6). Built on the transaction's owner. */
public final class Responses {

    private Responses() {
    }

    /**
     * The 200 (OK): every current binding as a Contact with its expires parameter, a Date, the REGISTER's Path
     * values (RFC 3327 §5.3), and {@code Require: outbound} when RFC 5626 §6 asks for it. No Record-Route (§10.3).
     */
    public static SipResponse ok(SipRequest request, RegisterRequest req, List<Binding> bindings, long nowMillis) {
        SipResponse r = Messages.responseTo(request, 200, "OK", tagFor(request));
        if (req.requireOutbound()) {
            r.addHeader("Require", "outbound");
        }
        if (!req.path().isEmpty()) {
            r.addHeader("Path", String.join(", ", req.path()));
        }
        for (Binding b : bindings) {
            r.addHeader("Contact", ContactValues.of(b, nowMillis));
        }
        r.set(Headers.DATE, SipDate.of(Instant.ofEpochMilli(nowMillis)));
        return r;
    }

    /** A final error response with the rejection's reason phrase and extra header lines. */
    public static SipResponse error(SipRequest request, Rejection rejection) {
        SipResponse r = Messages.responseTo(request, rejection.status(), rejection.reason(), tagFor(request));
        for (String[] h : rejection.headers()) {
            r.addHeader(h[0], h[1]);
        }
        return r;
    }

    /**
     * A new To tag (§8.2.6.2), or null when the To cannot be parsed (the To text is then copied as it is, so that
     * a malformed To still gets its 400).
     */
    public static String tagFor(SipRequest request) {
        try {
            return request.to() == null ? null : newTag();
        } catch (ParseError e) {
            return null;
        }
    }

    /** A To tag (§19.3): 64 random bits in base 36. */
    static String newTag() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }
}
