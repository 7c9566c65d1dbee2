/**
 * DTMF as RFC 4733 telephone-events: the payload, a sender paced by media ticks and a receiver that reports each
 * digit once.
 */
package io.callisto.media.dtmf;
