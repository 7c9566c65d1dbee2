/**
 * RTP sessions (RFC 3550) on UDP: {@link io.callisto.media.rtp.RtpSession}, its configuration and statistics, the
 * one {@link io.callisto.media.rtp.MediaClock} that paces all media, RTP packets, and the {@link
 * io.callisto.media.rtp.PacketTransform} hook where SRTP plugs in.
 */
package io.callisto.media.rtp;
