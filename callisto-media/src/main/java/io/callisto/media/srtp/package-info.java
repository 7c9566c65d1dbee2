/**
 * SRTP and SRTCP (RFC 3711) with AES-CM/HMAC-SHA1 and AES-GCM (RFC 7714), and SDES keying (RFC 4568).
 * {@link io.callisto.media.srtp.SrtpContext} protects or unprotects packets given as byte arrays;
 * {@link io.callisto.media.srtp.Sdes} builds and checks {@code a=crypto} lines;
 * {@link io.callisto.media.srtp.SrtpMode} is the policy offer/answer applies.
 */
package io.callisto.media.srtp;
