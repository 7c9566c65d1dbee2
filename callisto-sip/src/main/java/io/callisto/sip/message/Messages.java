package io.callisto.sip.message;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;

/**
 * The messages RFC 3261 derives from others: a response to a request (§8.2.6), a CANCEL (§9.1) and the ACK for a
 * non-2xx final response (§17.1.1.3). Copied headers keep the exact text of the original.
 */
public final class Messages {
    private Messages() {}

    /**
     * A response to {@code request} (§8.2.6.2): From, Call-ID, CSeq and every Via copied unchanged and in order;
     * To copied, with {@code toTag} added when the request's To has no tag and the status is above 100;
     * Timestamp copied into a 100 (§8.2.6.1).
     */
    public static SipResponse responseTo(SipRequest request, int status, String reason, String toTag) {
        MessageBuilder b = MessageBuilder.response(status, reason == null ? ReasonPhrases.of(status) : reason);
        copyAll(request, b, HeaderName.VIA);
        copyAll(request, b, HeaderName.FROM);
        String to = request.header(HeaderName.TO.canonical());
        if (to != null) {
            if (toTag != null && status > 100 && request.to().tag() == null) {
                b.header(Headers.TO, request.to().withTag(toTag));
            } else {
                b.header(HeaderName.TO.canonical(), to);
            }
        }
        copyAll(request, b, HeaderName.CALL_ID);
        copyAll(request, b, HeaderName.CSEQ);
        if (status == 100) {
            copyAll(request, b, HeaderName.TIMESTAMP);
        }
        return b.buildResponse();
    }

    /** As {@link #responseTo(SipRequest, int, String, String)} with the default reason phrase and no tag. */
    public static SipResponse responseTo(SipRequest request, int status) {
        return responseTo(request, status, null, null);
    }

    /**
     * The CANCEL for a pending request (§9.1): same Request-URI, Call-ID, To, From and CSeq number, method CANCEL,
     * one Via equal to the request's top Via, and the request's Route headers.
     */
    public static SipRequest cancelFor(SipRequest request) {
        MessageBuilder b = MessageBuilder.request("CANCEL", request.requestUri());
        b.header(HeaderName.VIA.canonical(), topViaText(request));
        b.maxForwards(70);
        copyAll(request, b, HeaderName.ROUTE);
        copyAll(request, b, HeaderName.TO);
        copyAll(request, b, HeaderName.FROM);
        copyAll(request, b, HeaderName.CALL_ID);
        b.header(Headers.CSEQ, new CSeq(request.cseq().number(), "CANCEL"));
        return b.buildRequest();
    }

    /**
     * The ACK a client transaction sends for a non-2xx final response (§17.1.1.3): Request-URI, Call-ID, From,
     * top Via and Route of the request, To of the response (with its tag), CSeq number of the request with
     * method ACK.
     */
    public static SipRequest ackFor(SipRequest invite, SipResponse response) {
        if (response.isSuccess() || !response.isFinal()) {
            throw new IllegalArgumentException("the transaction layer ACKs only non-2xx final responses");
        }
        MessageBuilder b = MessageBuilder.request("ACK", invite.requestUri());
        b.header(HeaderName.VIA.canonical(), topViaText(invite));
        b.maxForwards(70);
        copyAll(invite, b, HeaderName.ROUTE);
        b.header(HeaderName.TO.canonical(), response.header(HeaderName.TO.canonical()));
        copyAll(invite, b, HeaderName.FROM);
        copyAll(invite, b, HeaderName.CALL_ID);
        b.header(Headers.CSEQ, new CSeq(invite.cseq().number(), "ACK"));
        return b.buildRequest();
    }

    /** The request's top Via as written: its first Via line when that line holds one value, else re-written. */
    private static String topViaText(SipRequest request) {
        String line = request.header(HeaderName.VIA.canonical());
        return Headers.VIA.parse(line).size() == 1 ? line : request.topVia().toString();
    }

    private static void copyAll(SipMessage from, MessageBuilder to, HeaderName name) {
        for (String v : from.headers(name.canonical())) {
            to.header(name.canonical(), unfold(v));
        }
    }

    /** §7.3.1: a line folded onto the next (CRLF then SP or HTAB) means a single SP. */
    static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replaceAll("\\r?\\n[ \\t]+", " ");
    }
}
