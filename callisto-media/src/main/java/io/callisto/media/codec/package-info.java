/**
 * Audio codecs behind {@link io.callisto.media.codec.AudioCodec}: G.711 µ-law (PCMU) and A-law (PCMA), RFC 3551
 * payload types 0 and 8.
 */
package io.callisto.media.codec;
