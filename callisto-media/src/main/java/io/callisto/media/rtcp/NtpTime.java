package io.callisto.media.rtcp;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64 bits, seconds since 1900-01-01 in the upper 32 bits and
 * the fraction of a second in the lower 32.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_OFFSET = 2_208_988_800L;

    private NtpTime() {
    }

    /** The NTP timestamp of a Unix time in milliseconds. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + UNIX_EPOCH_OFFSET;
        long fraction = ((long) Math.floorMod(unixMillis, 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits (§6.4.1 "LSR": 16 bits of seconds, 16 bits of fraction). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /** Converts a duration in 1/65536 s (the unit of DLSR and round-trip times) to milliseconds. */
    public static double shortUnitsToMillis(long units) {
        return units * 1000.0 / 65536.0;
    }

    /** Converts milliseconds to 1/65536 s. */
    public static long millisToShortUnits(long millis) {
        return millis * 65536L / 1000L;
    }
}
