package io.callisto.media.sdp;

import io.callisto.sip.sdp.SessionDescription;
import java.util.List;

/** The result of {@link OfferAnswer#createAnswer} or {@link OfferAnswer#acceptAnswer}. */
public sealed interface Outcome {

    /**
     * Media was negotiated: at least one stream is usable.
     *
     * @param sdp      the answer (created or accepted)
     * @param media    one entry per accepted stream, in m-line order
     * @param rejected why the other streams were rejected, e.g. "stream 1 (video): no common codec"
     */
    record Negotiated(SessionDescription sdp, List<NegotiatedMedia> media, List<String> rejected)
            implements Outcome {
        /** Copies the lists. */
        public Negotiated {
            media = List.copyOf(media);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * No usable media: a UAS answers the offer with {@code status} (488 Not Acceptable Here, RFC 3261 §21.4.26,
     * with a Warning carrying {@code reason}); a UAC that got this for an answer ends the session.
     *
     * @param status the SIP status to reply with (488)
     * @param reason what was wrong, for logs and a Warning header
     */
    record Failed(int status, String reason) implements Outcome {
    }
}
