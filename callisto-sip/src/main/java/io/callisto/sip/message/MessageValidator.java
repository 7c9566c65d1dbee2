package io.callisto.sip.message;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.HeaderKeys;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.TelUri;
import io.callisto.sip.uri.Uri;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an RFC 3261 element would accept a parsed message for processing: every known header parses,
 * the mandatory headers are there (§8.1.1, §8.2.2), single-value headers appear once (§7.3.1), scalars are in
 * range, the CSeq method matches the request method (§8.1.1.5), the version is SIP/2.0 (§8.2.6, 505) and the
 * Request-URI is well formed and carries no headers (§19.1.1). Never throws.
 */
public final class MessageValidator {
    private MessageValidator() {}

    public static Verdict validate(SipMessage m) {
        try {
            return check(m);
        } catch (ParseError e) {
            return Verdict.invalid(e.reason(), e.header(), 400);
        }
    }

    /** The headers every request and response must have (RFC 3261 §8.1.1, §20). */
    private static final HeaderName[] REQUIRED = {
        HeaderName.TO, HeaderName.FROM, HeaderName.CALL_ID, HeaderName.CSEQ, HeaderName.VIA};

    /** The headers a transaction, dialog or proxy core reads: checked by {@link #validateForProcessing}. */
    private static final HeaderName[] ESSENTIAL = {
        HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ, HeaderName.MAX_FORWARDS,
        HeaderName.CONTACT, HeaderName.ROUTE, HeaderName.RECORD_ROUTE, HeaderName.CONTENT_LENGTH,
        HeaderName.CONTENT_TYPE};

    /**
     * The check a stack runs on every message it receives: the version, the mandatory headers, and every header a
     * transaction, dialog or proxy core reads (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route,
     * Record-Route, Content-Length, Content-Type, the Request-URI) parse and appear as often as allowed; CSeq
     * matches the method. Other headers stay unparsed until read (DESIGN principle 2): a malformed one is found by
     * whoever reads it. {@link #validate} checks everything and adds notes; it is for tools such as lint.
     */
    public static Verdict validateForProcessing(SipMessage m) {
        try {
            return checkEssentials(m);
        } catch (ParseError e) {
            return Verdict.invalid(e.reason(), e.header(), 400);
        }
    }

    private static Verdict checkEssentials(SipMessage m) {
        if (!SipMessage.SIP_2_0.equals(m.version())) {
            return Verdict.invalid("unsupported SIP version " + m.version(), null, 505);
        }
        for (HeaderName name : ESSENTIAL) {
            int n = m.count(name);
            if (n == 0) {
                continue;
            }
            if (name.arity() == HeaderName.Arity.SINGLE && n > 1) {
                return Verdict.invalid("more than one " + name.canonical() + " header", name.canonical(), 400);
            }
            m.forEachValue(HeaderKeys.forName(name), MessageValidator::proveUri);
        }
        for (HeaderName required : REQUIRED) {
            if (m.count(required) == 0) {
                return Verdict.invalid("missing " + required.canonical() + " header", required.canonical(), 400);
            }
        }
        if (m.bodyLength() > 0 && m.count(HeaderName.CONTENT_TYPE) == 0) {
            return Verdict.invalid("body without Content-Type (§20.15)", HeaderName.CONTENT_TYPE.canonical(), 400);
        }
        if (m instanceof SipRequest r) {
            Verdict v = checkRequest(r, r.topVia(), new ArrayList<>(0));
            if (v != null) {
                return v;
            }
        }
        return Verdict.ok(List.of());
    }

    /** A URI is parsed lazily: make it prove itself (a wildcard Contact has none). */
    private static void proveUri(Object v) {
        if (v instanceof NameAddress a && !a.isWildcard()) {
            a.uri();
        }
    }

    private static Verdict check(SipMessage m) {
        if (!SipMessage.SIP_2_0.equals(m.version())) {
            return Verdict.invalid("unsupported SIP version " + m.version(), null, 505);
        }
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < m.headerCount(); i++) {
            HeaderName name = m.headerKind(i);
            if (name == null) {
                continue;
            }
            if (name.arity() == HeaderName.Arity.SINGLE && m.count(name) > 1) {
                return Verdict.invalid("more than one " + name.canonical() + " header", name.canonical(), 400);
            }
            HeaderKey<?> key = HeaderKeys.forName(name);
            if (key != null) {
                m.forEachValue(key, MessageValidator::proveUri);
            }
        }
        for (HeaderName required : REQUIRED) {
            if (m.count(required) == 0) {
                return Verdict.invalid("missing " + required.canonical() + " header", required.canonical(), 400);
            }
        }
        if (m.bodyLength() > 0 && m.count(HeaderName.CONTENT_TYPE) == 0) {
            return Verdict.invalid("body without Content-Type (§20.15)", HeaderName.CONTENT_TYPE.canonical(), 400);
        }
        Via top = m.topVia();
        if (!top.hasMagicCookie()) {
            notes.add("top Via branch lacks the z9hG4bK cookie: RFC 2543 transaction matching applies (§17.2.3)");
        } else if (top.branch().length() == Via.MAGIC_COOKIE.length()) {
            notes.add("top Via branch is the bare magic cookie: no usable transaction id (RFC 4475 §3.2.1)");
        }
        if (m instanceof SipRequest r) {
            Verdict v = checkRequest(r, top, notes);
            if (v != null) {
                return v;
            }
        } else if (m.vias().size() > 1) {
            notes.add("response with more than one Via: a UAC discards it (§8.1.3.3)");
        }
        return Verdict.ok(notes);
    }

    private static Verdict checkRequest(SipRequest r, Via top, List<String> notes) {
        CSeq cseq = r.cseq();
        if (!cseq.method().equals(r.method())) {
            return Verdict.invalid("CSeq method " + cseq.method() + " does not match request method " + r.method(),
                    HeaderName.CSEQ.canonical(), 400);
        }
        if (r.count(HeaderName.MAX_FORWARDS) == 0) {
            if (top.hasMagicCookie()) {
                return Verdict.invalid("missing Max-Forwards header", HeaderName.MAX_FORWARDS.canonical(), 400);
            }
            notes.add("no Max-Forwards (RFC 2543 request): a proxy adds one (§16.6 step 3)");
        } else if (r.maxForwards() == 0 && !"OPTIONS".equals(r.method()) && !"REGISTER".equals(r.method())) {
            notes.add("Max-Forwards is 0: a proxy answers 483 Too Many Hops (§16.3)");
        } else if (r.maxForwards() == 0) {
            notes.add("Max-Forwards is 0: a proxy answers 483, the target UAS may answer itself (§16.3, §11)");
        }
        Uri ruri;
        try {
            ruri = r.requestUri();
        } catch (ParseError e) {
            return Verdict.invalid("malformed Request-URI: " + e.reason(), null, 400);
        }
        if (ruri instanceof SipUri sip) {
            if (!sip.headers().isEmpty()) {
                return Verdict.invalid("Request-URI must not contain headers (§19.1.1)", null, 400);
            }
        } else if (!(ruri instanceof TelUri)) {
            notes.add("Request-URI scheme '" + ruri.scheme() + "' is not sip, sips or tel: a UAS answers 416"
                    + " Unsupported URI Scheme (§8.2.2.1)");
        }
        if (!r.all(Headers.REQUIRE).isEmpty()) {
            notes.add("Require lists " + String.join(", ", r.all(Headers.REQUIRE))
                    + ": a UAS without those extensions answers 420 Bad Extension (§8.2.2.3)");
        }
        if (!r.all(Headers.PROXY_REQUIRE).isEmpty()) {
            notes.add("Proxy-Require lists " + String.join(", ", r.all(Headers.PROXY_REQUIRE))
                    + ": a proxy without those extensions answers 420 Bad Extension (§16.3)");
        }
        return null;
    }
}
