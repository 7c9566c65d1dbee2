package io.callisto.media.rtcp;

/**
 * An RTCP packet this implementation does not interpret (APP, feedback, XR...): kept as its count field and the
 * body after the 4-byte common header, so it can be written back unchanged.
 *
 * @param packetType the PT field
 * @param count      the 5-bit count/subtype field
 * @param body       the octets after the common header (a multiple of 4)
 */
public record OtherRtcp(int packetType, int count, byte[] body) implements RtcpPacket {
}
