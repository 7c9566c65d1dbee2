/**
 * RTCP (RFC 3550 §6): compound packets (SR, RR, SDES, BYE) with the validity checks of §A.2, and per-source
 * reception statistics (§A.1, §A.3, §A.8) with round-trip time from LSR/DLSR (§6.4.1).
 */
package io.callisto.media.rtcp;
