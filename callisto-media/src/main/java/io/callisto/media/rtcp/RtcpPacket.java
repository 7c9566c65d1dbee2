package io.callisto.media.rtcp;

/**
 * One RTCP packet inside a compound packet (RFC 3550 §6.1). All packets share the common header: V=2, P, a
 * 5-bit count, the packet type and a length in 32-bit words minus one.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, OtherRtcp {

    /** Sender report (§6.4.1). */
    int SR = 200;
    /** Receiver report (§6.4.2). */
    int RR = 201;
    /** Source description (§6.5). */
    int SDES = 202;
    /** Goodbye (§6.6). */
    int BYE = 203;
    /** Application-defined (§6.7). */
    int APP = 204;

    /** The packet type (200..204 here, others kept as {@link OtherRtcp}). */
    int packetType();

    /** The 5-bit count field of the common header bounds every list in a packet (§6.1): an immutable copy. */
    static <T> java.util.List<T> atMost31(java.util.List<T> items, String what) {
        java.util.List<T> copy = java.util.List.copyOf(items);
        if (copy.size() > 31) {
            throw new IllegalArgumentException("at most 31 " + what + ": " + copy.size());
        }
        return copy;
    }
}
