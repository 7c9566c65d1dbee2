/** Internals of {@link io.callisto.media.call}: the SRTP packet transform and the SIP INFO DTMF format. */
package io.callisto.media.call.internal;
