/**
 * SDP, the Session Description Protocol (RFC 8866): parsing, typed access, modification and writing, with
 * byte-for-byte round trip of parsed descriptions.
 *
 * <p>{@link io.callisto.sip.sdp.SessionDescription} is the entry point; its media descriptions are
 * {@link io.callisto.sip.sdp.MediaDescription}s. Fields are typed by {@link io.callisto.sip.sdp.Origin},
 * {@link io.callisto.sip.sdp.Connection}, {@link io.callisto.sip.sdp.Bandwidth},
 * {@link io.callisto.sip.sdp.Timing} and {@link io.callisto.sip.sdp.Attribute}; well-known attribute values by
 * {@link io.callisto.sip.sdp.Rtpmap}, {@link io.callisto.sip.sdp.Fmtp}, {@link io.callisto.sip.sdp.Direction}
 * (RFC 3264), {@link io.callisto.sip.sdp.Rtcp} (RFC 3605) and {@link io.callisto.sip.sdp.Crypto} (RFC 4568).
 * Parsers throw only {@link io.callisto.sip.parse.ParseError}.
 */
package io.callisto.sip.sdp;
