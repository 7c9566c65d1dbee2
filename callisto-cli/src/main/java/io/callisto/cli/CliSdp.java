package io.callisto.cli;

import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.OfferAnswerer;

/**
 * The SDP the command-line UA puts in its INVITEs and 200s, so that peers that insist on offer/answer (SIPp, phones)
 * get one. One PCMU stream on 127.0.0.1; no media flows until the media issue lands.
 */
final class CliSdp {

    private CliSdp() {
    }

    /** The port of our stream in outgoing calls, and in incoming ones. */
    static final int CALLER_PORT = 40002;
    static final int CALLEE_PORT = 40000;

    /** The offer of an outgoing call. */
    static Body offer() {
        return session(CALLER_PORT);
    }

    /**
     * What an incoming call's 183 or 200 carries: the answer to the INVITE's SDP offer, or our offer when the INVITE
     * had none (RFC 3261 §13.3.1: the first reliable response must then carry one; the caller answers in the PRACK
     * or the ACK). Null when the INVITE offered something other than SDP.
     */
    static Body answerFor(Call call) {
        Body offer = call.remoteBody();
        return offer == null || offer.type().is("application", "sdp") ? session(CALLEE_PORT) : null;
    }

    /**
     * Answers the offers the stack answers by itself (UPDATE, re-INVITE, PRACK, a late offer): our one PCMU stream on
     * {@code port} for any SDP offer; other bodies are refused.
     */
    static OfferAnswerer answerer(int port) {
        return (call, offer) -> offer.type().is("application", "sdp") ? session(port) : null;
    }

    private static Body session(int port) {
        return Body.sdp("v=0\r\no=callisto 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");
    }
}
