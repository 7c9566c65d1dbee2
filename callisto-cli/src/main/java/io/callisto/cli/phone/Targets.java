package io.callisto.cli.phone;

import io.callisto.sip.parse.ParseError;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.SessionDescription;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.ua.Body;

/** What the user types as a destination, made into a SIP URI; and what a peer's SDP says about hold. */
final class Targets {

    private Targets() {
    }

    /**
     * {@code sip:bob@example.com} and {@code sips:...} as given; {@code bob@example.com} with {@code sip:} in front;
     * anything else (a number, a user name) as {@code sip:TEXT@domain}. Throws with a message when the result is not
     * a SIP URI, or when a bare name needs a domain and there is none.
     */
    static String resolve(String text, String domain) {
        String uri;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            uri = text;
        } else if (text.contains("@")) {
            uri = "sip:" + text;
        } else if (domain == null) {
            throw new IllegalArgumentException("'" + text + "' needs a domain: give a sip: URI or an --account");
        } else {
            uri = "sip:" + text + "@" + domain;
        }
        try {
            if (!(Uri.parse(uri) instanceof SipUri)) {
                throw new IllegalArgumentException("'" + text + "' is not a SIP URI");
            }
        } catch (ParseError e) {
            throw new IllegalArgumentException("'" + text + "' is not a SIP URI: " + e.getMessage());
        }
        return uri;
    }

    /**
     * True when a peer's session description puts us on hold (RFC 3264 §8.4): its audio stream is sendonly or
     * inactive, or its connection address is 0.0.0.0 (the RFC 2543 way). False for anything else, unparsable SDP
     * included.
     */
    static boolean holdsUs(Body sdp) {
        if (sdp == null || !sdp.type().is("application", "sdp")) {
            return false;
        }
        try {
            SessionDescription d = SessionDescription.parse(sdp.bytes());
            for (MediaDescription m : d.media()) {
                if (!"audio".equals(m.media()) || m.port() == 0) {
                    continue;
                }
                Direction dir = m.effectiveDirection();
                return dir == Direction.SENDONLY || dir == Direction.INACTIVE
                        || sdp.text().contains("c=IN IP4 0.0.0.0");
            }
            return false;
        } catch (ParseError e) {
            return false;
        }
    }
}
