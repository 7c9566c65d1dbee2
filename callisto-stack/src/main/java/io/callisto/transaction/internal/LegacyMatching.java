package io.callisto.transaction.internal;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import java.util.Objects;

/**
 * Matching of requests from RFC 2543 clients, whose top Via branch is absent or lacks the magic cookie
 * (§17.2.3, second half). The caller has already narrowed the candidates to one Call-ID and CSeq number
 * ({@link Keys#legacy}); these rules compare the rest field by field, each with its own equality: the Request-URI
 * by §19.1.4 equivalence, tags as case-insensitive tokens, the top Via by value. A header or Request-URI that
 * does not parse makes the request match nothing.
 */
public final class LegacyMatching {

    private LegacyMatching() {
    }

    /**
     * A request other than ACK is a retransmission of {@code original} when Request-URI, To tag, From tag,
     * Call-ID, CSeq (number and method) and top Via all match.
     */
    public static boolean sameRequest(SipRequest original, SipRequest request) {
        try {
            return original.method().equals(request.method())
                    && original.cseq().method().equals(request.cseq().method())
                    && sameCore(original, request)
                    && sameTag(original.to(), request.to());
        } catch (ParseError e) {
            return false;
        }
    }

    /**
     * An ACK matches the INVITE transaction when Request-URI, From tag, Call-ID, CSeq number and top Via match
     * those of the INVITE and its To tag matches the To tag of the response the transaction sent.
     */
    public static boolean ackMatches(SipRequest invite, SipResponse sent, SipRequest ack) {
        try {
            return sent != null
                    && invite.isMethod("INVITE")
                    && sameCore(invite, ack)
                    && sameTag(sent.to(), ack.to());
        } catch (ParseError e) {
            return false;
        }
    }

    /**
     * The INVITE a CANCEL targets (§9.2: the CANCEL matched as if its method were the original one): Request-URI,
     * To tag, From tag, Call-ID, CSeq number and top Via match.
     */
    public static boolean cancels(SipRequest invite, SipRequest cancel) {
        try {
            return invite.isMethod("INVITE")
                    && sameCore(invite, cancel)
                    && sameTag(invite.to(), cancel.to());
        } catch (ParseError e) {
            return false;
        }
    }

    /** Call-ID, CSeq number, From tag, top Via and Request-URI (may throw ParseError: callers catch it). */
    private static boolean sameCore(SipRequest a, SipRequest b) {
        return Objects.equals(a.callId(), b.callId())
                && a.cseq().number() == b.cseq().number()
                && sameTag(a.from(), b.from())
                && sameVia(a.topVia(), b.topVia())
                && sameUri(a.requestUri(), b.requestUri());
    }

    private static boolean sameVia(Via a, Via b) {
        return a != null && a.equals(b);
    }

    private static boolean sameUri(Uri a, Uri b) {
        return a.equivalent(b);
    }

    private static boolean sameTag(NameAddress a, NameAddress b) {
        String x = a == null ? null : a.tag();
        String y = b == null ? null : b.tag();
        return x == null ? y == null : x.equalsIgnoreCase(y);
    }
}
