/**
 * Media for SIP calls: {@link io.callisto.media.call.MediaEngine} (one per user agent: the media threads, the one
 * 20 ms clock, the port range and the SRTP policy) opens a {@link io.callisto.media.call.CallMedia} per call, which
 * runs the call's SDP offer/answer (RFC 3264) and its RTP session, with SRTP when SDES keys were agreed.
 */
package io.callisto.media.call;
