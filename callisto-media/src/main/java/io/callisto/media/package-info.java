/**
 * Media for Callisto's user agents: SDP offer/answer (RFC 3264), RTP and RTCP sessions (RFC 3550/3551), SRTP with
 * SDES keying (RFC 3711, RFC 4568), G.711 codecs, telephone-events (RFC 4733), an adaptive jitter buffer and WAV
 * file audio. Sub-packages: {@code rtp}, {@code rtcp}, {@code srtp}, {@code codec}, {@code dtmf}, {@code audio},
 * {@code sdp} (offer/answer); implementation details live in {@code internal} packages.
 */
package io.callisto.media;
