/**
 * Implementation details of callisto-media (the RTP protocol core, jitter buffer, concealment, port binding); may
 * change freely.
 */
package io.callisto.media.internal;
