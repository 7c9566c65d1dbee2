/** SRTP internals: key derivation, AES counter mode, AES-GCM, HMAC-SHA1, replay window, per-SSRC state. */
package io.callisto.media.srtp.internal;
