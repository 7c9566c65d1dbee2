/**
 * The SDP offer/answer model (RFC 3264) for Callisto's user agents: {@link io.callisto.media.sdp.OfferAnswer}
 * creates offers and answers from {@link io.callisto.media.sdp.LocalMedia} and reports what was negotiated as
 * {@link io.callisto.media.sdp.NegotiatedMedia}, SRTP keys included.
 */
package io.callisto.media.sdp;
