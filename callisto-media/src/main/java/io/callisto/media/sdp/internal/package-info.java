/** Offer/answer internals: m-line slots, payload-type matching, answer building and checking. */
package io.callisto.media.sdp.internal;
