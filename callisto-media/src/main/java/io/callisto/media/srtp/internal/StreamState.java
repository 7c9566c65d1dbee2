package io.callisto.media.srtp.internal;

/**
 * The cryptographic state an SRTP context keeps for one SSRC (RFC 3711 §3.2.3): the highest SRTP index seen and
 * the replay list (which together give ROC and s_l, §3.3.1), the SRTCP replay list or next SRTCP index, and the
 * session keys in use when the key derivation rate is not zero.
 */
public final class StreamState {

    /** The SSRC this state belongs to. */
    public final int ssrc;
    /** SRTP: highest index (ROC * 2^16 + s_l) and, on receive, the replay list. */
    public final ReplayWindow rtp;
    /** SRTCP: the replay list over SRTCP indices (receive side). */
    public final ReplayWindow rtcp;
    /** SRTCP: the next index to send (§3.4: starts at zero). */
    public long nextRtcpIndex;
    /** The SRTP session keys for the current epoch. */
    public SessionKeys rtpKeys;
    /** The SRTCP session keys for the current epoch. */
    public SessionKeys rtcpKeys;

    /** Fresh state with the shared epoch-0 keys. */
    public StreamState(int ssrc, int window, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
        this.ssrc = ssrc;
        this.rtp = new ReplayWindow(window);
        this.rtcp = new ReplayWindow(window);
        this.rtpKeys = rtpKeys;
        this.rtcpKeys = rtcpKeys;
    }

    /**
     * The packet index of sequence number {@code seq} estimated against the highest index so far (RFC 3711
     * §3.3.1, Appendix A): the ROC guess v is ROC - 1, ROC or ROC + 1, whichever puts the index closest to s_l.
     * Returns -1 when the guess is ROC - 1 with ROC 0 (a packet from before the stream started), and -2 when the
     * ROC would pass 2^32 (key exhausted).
     *
     * @param highest the highest index so far, -1 when none (the first packet then has ROC 0, §3.3.1)
     */
    public static long estimateIndex(long highest, int seq) {
        if (highest < 0) {
            return seq;
        }
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xffff);
        long v;
        if (sl < 32_768) {
            v = seq - sl > 32_768 ? roc - 1 : roc;
        } else {
            v = sl - 32_768 > seq ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        if (v > 0xffff_ffffL) {
            return -2;
        }
        return v << 16 | seq;
    }
}
