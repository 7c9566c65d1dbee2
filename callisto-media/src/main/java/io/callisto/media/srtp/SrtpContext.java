package io.callisto.media.srtp;

import io.callisto.media.srtp.internal.HmacSha1;
import io.callisto.media.srtp.internal.ReplayWindow;
import io.callisto.media.srtp.internal.SessionKeys;
import io.callisto.media.srtp.internal.StreamState;
import java.util.HashMap;
import java.util.Map;

/**
 * SRTP and SRTCP (RFC 3711) for one direction of one media stream under one master key: use one context to
 * protect what is sent and another, with the peer's key, to unprotect what is received. Each SSRC gets its own
 * rollover counter, replay list and SRTCP index (§3.2.3).
 *
 * <p>The four methods take a packet as a byte range and return a new array: the protected or unprotected packet,
 * or {@code null} when the packet is dropped; {@link #lastFailure()} then says why and
 * {@link #failures(SrtpFailure)} counts it. With the AES-CM profiles nothing else is allocated per packet once a
 * stream is known: the AES cipher, the HMAC and the work buffers are reused (the JDK's GCM cipher allocates). A context is owned by one thread (the media session's), like
 * every other piece of per-call state in Callisto; it is not thread-safe.
 */
public final class SrtpContext {

    private static final int MAX_STREAMS = 64;
    private static final long MAX_RTCP_INDEX = (1L << 31) - 1;

    private final SrtpPolicy policy;
    private final byte[] masterKey;
    private final byte[] masterSalt;
    private final byte[] mki;
    private final int rtpTag;
    private final int rtcpTag;
    private final boolean aead;
    private final int kdrShift;
    private final SessionKeys rtpKeys;
    private final SessionKeys rtcpKeys;
    private final Map<Integer, StreamState> streams = new HashMap<>();
    private final byte[] tag = new byte[HmacSha1.LENGTH]; // the computed HMAC (AES-CM profiles)
    private StreamState last;
    private long rtpSent;
    private long rtcpSent;
    private long passed;
    private final long[] failures = new long[SrtpFailure.values().length];
    private SrtpFailure lastFailure;

    /** A context for one direction, keyed by {@code policy}. */
    public SrtpContext(SrtpPolicy policy) {
        this.policy = policy;
        this.masterKey = policy.masterKey().key();
        this.masterSalt = policy.masterKey().salt();
        this.mki = policy.mki();
        this.rtpTag = policy.profile().rtpTagLength();
        this.rtcpTag = policy.profile().rtcpTagLength();
        this.aead = policy.profile().aead();
        long kdr = policy.keyDerivationRate();
        this.kdrShift = kdr == 0 ? -1 : Long.numberOfTrailingZeros(kdr);
        this.rtpKeys = SessionKeys.derive(masterKey, masterSalt, SessionKeys.LABEL_RTP, 0, aead);
        this.rtcpKeys = SessionKeys.derive(masterKey, masterSalt, SessionKeys.LABEL_RTCP, 0, aead);
    }

    /** The policy this context was made with. */
    public SrtpPolicy policy() {
        return policy;
    }

    /** Why the last dropped packet was dropped, or null if none was. */
    public SrtpFailure lastFailure() {
        return lastFailure;
    }

    /** How many packets were dropped for {@code reason}. */
    public long failures(SrtpFailure reason) {
        return failures[reason.ordinal()];
    }

    /** How many packets were protected or unprotected successfully. */
    public long packets() {
        return passed;
    }

    private int failed(SrtpFailure f) {
        fail(f);
        return -1;
    }

    private byte[] fail(SrtpFailure f) {
        failures[f.ordinal()]++;
        lastFailure = f;
        return null;
    }

    // ---- SRTP (§3.1, §3.3)

    /** Protects a whole RTP packet; see {@link #protectRtp(byte[], int, int)}. */
    public byte[] protectRtp(byte[] packet) {
        return protectRtp(packet, 0, packet.length);
    }

    /**
     * Encrypts the payload of the RTP packet in {@code b[off, off + len)} and appends the MKI and the
     * authentication tag (§3.3 sender steps 1-8).
     *
     * @return the SRTP packet, or null (see {@link #lastFailure()}) when the packet is not RTP or the key is used up
     */
    public byte[] protectRtp(byte[] b, int off, int len) {
        byte[] out = new byte[len + mki.length + rtpTag];
        return protectRtp(b, off, len, out) < 0 ? null : out;
    }

    /**
     * {@link #protectRtp(byte[], int, int)} in place, for a sender that writes every packet into one array: the RTP
     * packet in {@code b[0, len)} becomes the SRTP packet in {@code b[0, result)}; {@code b} needs room for the MKI
     * and the tag after it ({@link #rtpOverhead()}). Nothing is allocated with the AES-CM profiles.
     *
     * @return the SRTP packet's length, or -1 (see {@link #lastFailure()}) when it is not sent
     */
    public int protectRtpInPlace(byte[] b, int len) {
        if (len + mki.length + rtpTag > b.length) {
            throw new IllegalArgumentException("no room for the SRTP trailer: " + b.length + " < " + len + " + "
                    + rtpOverhead());
        }
        // the JDK's GCM cipher allocates anyway: GCM goes through the array form
        return aead ? copyBack(protectRtp(b, 0, len), b) : protectRtp(b, 0, len, b);
    }

    /** Copies a packet made by an array method back into {@code b}; -1 for a dropped one (null). */
    private static int copyBack(byte[] out, byte[] b) {
        if (out == null) {
            return -1;
        }
        System.arraycopy(out, 0, b, 0, out.length);
        return out.length;
    }

    /** Octets SRTP adds to an RTP packet: the MKI and the authentication tag. */
    public int rtpOverhead() {
        return mki.length + rtpTag;
    }

    /** Protects {@code b[off, off + len)} into {@code out} from 0 (which may be {@code b} when off is 0). */
    private int protectRtp(byte[] b, int off, int len, byte[] out) {
        int header = RtpHeaders.rtpHeaderLength(b, off, len);
        if (header < 0) {
            return failed(SrtpFailure.MALFORMED);
        }
        if (rtpSent >= policy.lifetime()) {
            return failed(SrtpFailure.KEY_EXPIRED);
        }
        int ssrc = RtpHeaders.int32(b, off + 8);
        StreamState s = stream(ssrc);
        if (s == null) {
            return failed(SrtpFailure.TOO_MANY_STREAMS);
        }
        long index = StreamState.estimateIndex(s.rtp.highest(), RtpHeaders.uint16(b, off + 2));
        if (index == -2) {
            return failed(SrtpFailure.KEY_EXPIRED);
        }
        if (index < 0) {
            index = s.rtp.highest(); // a sender going backwards before its first wrap: keep ROC 0
            index = (index & ~0xffffL) | RtpHeaders.uint16(b, off + 2);
        }
        SessionKeys keys = rtpKeys(s, index);
        System.arraycopy(b, off, out, 0, aead ? header : len);
        if (aead) {
            // RFC 7714 §8: header as AAD, payload encrypted, tag appended, then the MKI
            if (!keys.gcm().seal(keys.rtpIv(ssrc, index), b, off, header, null, 0, 0, b, off + header,
                    len - header, out, header)) {
                return failed(SrtpFailure.KEY_EXPIRED); // the JDK refused a repeated IV
            }
            System.arraycopy(mki, 0, out, len + rtpTag, mki.length);
        } else {
            keys.crypt(ssrc, index, out, header, len - header);
            System.arraycopy(mki, 0, out, len, mki.length);
            keys.authenticate(out, 0, len, true, (int) (index >>> 16), tag, 0);
            System.arraycopy(tag, 0, out, len + mki.length, rtpTag);
        }
        if (index > s.rtp.highest()) {
            s.rtp.accept(index);
        }
        rtpSent++;
        passed++;
        return len + mki.length + rtpTag;
    }

    /** Unprotects a whole SRTP packet; see {@link #unprotectRtp(byte[], int, int)}. */
    public byte[] unprotectRtp(byte[] packet) {
        return unprotectRtp(packet, 0, packet.length);
    }

    /**
     * Checks and decrypts the SRTP packet in {@code b[off, off + len)} (§3.3 receiver steps 1-7): index
     * estimation, replay check, authentication (constant-time tag comparison), decryption, then the ROC, s_l
     * and replay list are updated.
     *
     * @return the RTP packet, or null (see {@link #lastFailure()}) when it is dropped
     */
    public byte[] unprotectRtp(byte[] b, int off, int len) {
        int end = len - rtpTag - mki.length;
        byte[] out = end < 0 ? null : new byte[end];
        return out == null ? fail(SrtpFailure.MALFORMED) : unprotectRtp(b, off, len, out) < 0 ? null : out;
    }

    /**
     * {@link #unprotectRtp(byte[], int, int)} in place, for a receiver that reads every datagram into one array: the
     * SRTP packet in {@code b[0, len)} becomes the RTP packet in {@code b[0, result)}. Nothing is allocated with the
     * AES-CM profiles; a dropped packet may leave {@code b} changed.
     *
     * @return the RTP packet's length, or -1 (see {@link #lastFailure()}) when it is dropped
     */
    public int unprotectRtpInPlace(byte[] b, int len) {
        return aead ? copyBack(unprotectRtp(b, 0, len), b) : unprotectRtp(b, 0, len, b);
    }

    /** Unprotects {@code b[off, off + len)} into {@code out} from 0 (which may be {@code b} when off is 0). */
    private int unprotectRtp(byte[] b, int off, int len, byte[] out) {
        int end = len - rtpTag - mki.length;
        int header = end < 0 ? -1 : RtpHeaders.rtpHeaderLength(b, off, end);
        if (header < 0) {
            return failed(SrtpFailure.MALFORMED);
        }
        if (!mkiMatches(b, off + end + (aead ? rtpTag : 0))) {
            return failed(SrtpFailure.UNKNOWN_MKI);
        }
        int ssrc = RtpHeaders.int32(b, off + 8);
        StreamState s = existing(ssrc);
        if (s == null && streams.size() >= MAX_STREAMS) {
            return failed(SrtpFailure.TOO_MANY_STREAMS);
        }
        long highest = s == null ? -1 : s.rtp.highest();
        long index = StreamState.estimateIndex(highest, RtpHeaders.uint16(b, off + 2));
        if (index == -1) {
            return failed(SrtpFailure.TOO_OLD);
        }
        if (index == -2) {
            return failed(SrtpFailure.KEY_EXPIRED);
        }
        if (s != null) {
            int verdict = s.rtp.check(index);
            if (verdict != ReplayWindow.FRESH) {
                replayFailure(verdict);
                return -1;
            }
        }
        SessionKeys keys = s == null ? epochKeys(rtpKeys, SessionKeys.LABEL_RTP, index) : rtpKeys(s, index);
        if (aead) {
            System.arraycopy(b, off, out, 0, header);
            if (!keys.gcm().open(keys.rtpIv(ssrc, index), b, off, header, null, 0, 0, b, off + header,
                    end + rtpTag - header, out, header)) {
                return failed(SrtpFailure.AUTH_FAILED);
            }
        } else {
            keys.authenticate(b, off, end, true, (int) (index >>> 16), tag, 0);
            if (!tagMatches(b, off + end + mki.length, rtpTag)) {
                return failed(SrtpFailure.AUTH_FAILED);
            }
            System.arraycopy(b, off, out, 0, end);
            keys.crypt(ssrc, index, out, header, end - header);
        }
        if (s == null) {
            s = stream(ssrc);
            s.rtpKeys = keys;
        }
        s.rtp.accept(index);
        passed++;
        return end;
    }

    // ---- SRTCP (§3.4)

    /** Protects a whole RTCP compound packet; see {@link #protectRtcp(byte[], int, int)}. */
    public byte[] protectRtcp(byte[] packet) {
        return protectRtcp(packet, 0, packet.length);
    }

    /**
     * Encrypts the RTCP compound packet in {@code b[off, off + len)} after its first 8 octets and appends
     * E-flag || SRTCP index, the MKI and the 80-bit tag (§3.4). The first packet of an SSRC has index 0.
     *
     * @return the SRTCP packet, or null (see {@link #lastFailure()})
     */
    public byte[] protectRtcp(byte[] b, int off, int len) {
        if (!RtpHeaders.isRtcp(b, off, len)) {
            return fail(SrtpFailure.MALFORMED);
        }
        if (rtcpSent >= policy.lifetime()) {
            return fail(SrtpFailure.KEY_EXPIRED);
        }
        int ssrc = RtpHeaders.int32(b, off + 4);
        StreamState s = stream(ssrc);
        if (s == null) {
            return fail(SrtpFailure.TOO_MANY_STREAMS);
        }
        long index = s.nextRtcpIndex;
        if (index > MAX_RTCP_INDEX) {
            return fail(SrtpFailure.KEY_EXPIRED); // §9.2: at most 2^31 SRTCP packets per master key
        }
        SessionKeys keys = rtcpKeys(s, index);
        byte[] out = new byte[len + 4 + mki.length + rtcpTag];
        int word = (int) (0x8000_0000L | index); // E = 1: encrypted
        if (aead) {
            // RFC 7714 §9: AAD = first 8 octets || E || SRTCP index; ciphertext and tag, then E || index, MKI
            System.arraycopy(b, off, out, 0, 8);
            RtpHeaders.putInt32(out, len + rtcpTag, word);
            if (!keys.gcm().seal(keys.rtcpIv(ssrc, index), out, 0, 8, out, len + rtcpTag, 4, b, off + 8, len - 8,
                    out, 8)) {
                return fail(SrtpFailure.KEY_EXPIRED);
            }
            System.arraycopy(mki, 0, out, len + rtcpTag + 4, mki.length);
        } else {
            System.arraycopy(b, off, out, 0, len);
            keys.crypt(ssrc, index, out, 8, len - 8);
            RtpHeaders.putInt32(out, len, word);
            System.arraycopy(mki, 0, out, len + 4, mki.length);
            keys.authenticate(out, 0, len + 4, false, 0, tag, 0);
            System.arraycopy(tag, 0, out, len + 4 + mki.length, rtcpTag);
        }
        s.nextRtcpIndex = index + 1;
        rtcpSent++;
        passed++;
        return out;
    }

    /** Unprotects a whole SRTCP packet; see {@link #unprotectRtcp(byte[], int, int)}. */
    public byte[] unprotectRtcp(byte[] packet) {
        return unprotectRtcp(packet, 0, packet.length);
    }

    /**
     * Checks and decrypts the SRTCP packet in {@code b[off, off + len)} (§3.4): replay check on the SRTCP index,
     * authentication, then decryption when the E flag is set.
     *
     * @return the RTCP compound packet, or null (see {@link #lastFailure()}) when it is dropped
     */
    public byte[] unprotectRtcp(byte[] b, int off, int len) {
        // E || index sits after the tag (CM) or after the ciphertext and tag (GCM); the MKI follows it
        int at = aead ? len - mki.length - 4 : len - rtcpTag - mki.length - 4;
        int end = aead ? at - rtcpTag : at; // end of the RTCP packet once unprotected
        if (end < 8 || !RtpHeaders.isRtcp(b, off, end)) {
            return fail(SrtpFailure.MALFORMED);
        }
        if (!mkiMatches(b, off + at + 4)) {
            return fail(SrtpFailure.UNKNOWN_MKI);
        }
        int word = RtpHeaders.int32(b, off + at);
        boolean encrypted = word < 0;
        if (aead && !encrypted) {
            return fail(SrtpFailure.MALFORMED); // unencrypted SRTCP is never negotiated (Sdes refuses it)
        }
        long index = word & 0x7fff_ffffL;
        int ssrc = RtpHeaders.int32(b, off + 4);
        StreamState s = existing(ssrc);
        if (s == null && streams.size() >= MAX_STREAMS) {
            return fail(SrtpFailure.TOO_MANY_STREAMS);
        }
        if (s != null) {
            int verdict = s.rtcp.check(index);
            if (verdict != ReplayWindow.FRESH) {
                return replayFailure(verdict);
            }
        }
        SessionKeys keys = s == null ? epochKeys(rtcpKeys, SessionKeys.LABEL_RTCP, index) : rtcpKeys(s, index);
        byte[] out = new byte[end];
        if (aead) {
            System.arraycopy(b, off, out, 0, 8);
            if (!keys.gcm().open(keys.rtcpIv(ssrc, index), b, off, 8, b, off + at, 4, b, off + 8, at - 8, out, 8)) {
                return fail(SrtpFailure.AUTH_FAILED);
            }
        } else {
            keys.authenticate(b, off, end + 4, false, 0, tag, 0);
            if (!tagMatches(b, off + end + 4 + mki.length, rtcpTag)) {
                return fail(SrtpFailure.AUTH_FAILED);
            }
            System.arraycopy(b, off, out, 0, end);
            if (encrypted) {
                keys.crypt(ssrc, index, out, 8, end - 8);
            }
        }
        if (s == null) {
            s = stream(ssrc);
            s.rtcpKeys = keys;
        }
        s.rtcp.accept(index);
        passed++;
        return out;
    }

    // ---- helpers

    /** The failure for a replay-list verdict other than FRESH (§3.3.2). */
    private byte[] replayFailure(int verdict) {
        return fail(verdict == ReplayWindow.REPLAYED ? SrtpFailure.REPLAYED : SrtpFailure.TOO_OLD);
    }

    private StreamState existing(int ssrc) {
        StreamState l = last;
        if (l != null && l.ssrc == ssrc) {
            return l;
        }
        StreamState s = streams.get(ssrc);
        if (s != null) {
            last = s;
        }
        return s;
    }

    private StreamState stream(int ssrc) {
        StreamState s = existing(ssrc);
        if (s == null) {
            if (streams.size() >= MAX_STREAMS) {
                return null;
            }
            s = new StreamState(ssrc, policy.replayWindow(), rtpKeys, rtcpKeys);
            streams.put(ssrc, s);
            last = s;
        }
        return s;
    }

    /** The SRTP keys for {@code index}: §4.3.1, r = index DIV key_derivation_rate, re-derived when r changes. */
    private SessionKeys rtpKeys(StreamState s, long index) {
        SessionKeys k = epochKeys(s.rtpKeys, SessionKeys.LABEL_RTP, index);
        s.rtpKeys = k;
        return k;
    }

    private SessionKeys rtcpKeys(StreamState s, long index) {
        SessionKeys k = epochKeys(s.rtcpKeys, SessionKeys.LABEL_RTCP, index);
        s.rtcpKeys = k;
        return k;
    }

    private SessionKeys epochKeys(SessionKeys current, int label, long index) {
        long r = kdrShift < 0 ? 0 : index >>> kdrShift;
        return r == current.epoch() ? current : SessionKeys.derive(masterKey, masterSalt, label, r, aead);
    }

    private boolean mkiMatches(byte[] b, int at) {
        int diff = 0;
        for (int i = 0; i < mki.length; i++) {
            diff |= b[at + i] ^ mki[i];
        }
        return diff == 0;
    }

    /** Constant-time comparison of the first {@code n} bytes of the computed tag with the packet's (§3.3 step 5). */
    private boolean tagMatches(byte[] b, int at, int n) {
        int diff = 0;
        for (int i = 0; i < n; i++) {
            diff |= b[at + i] ^ tag[i];
        }
        return diff == 0;
    }
}
