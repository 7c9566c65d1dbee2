package io.callisto.media.dtmf;

import io.callisto.media.rtp.ParseResult;

/**
 * The telephone-event payload of RFC 4733 §2.3: event code (8 bits), E (end) bit, R (reserved), volume (6 bits,
 * -dBm0 0..63) and duration (16 bits, in RTP timestamp units).
 *
 * @param event    0..255; DTMF digits are 0..15 (§3.2)
 * @param end      the E bit: the event has ended
 * @param volume   0..63 (power level, 0 = loudest)
 * @param duration 0..65535 timestamp units since the event's start
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Payload length (§2.3). */
    public static final int LENGTH = 4;
    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event field out of range: event " + event + ", volume "
                    + volume + ", duration " + duration);
        }
    }

    /** Parses the first four payload octets; extra octets are ignored. */
    public static ParseResult<TelephoneEvent> parse(byte[] payload) {
        if (payload == null || payload.length < LENGTH) {
            return ParseResult.error("telephone-event payload shorter than 4 bytes");
        }
        return ParseResult.ok(new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF)));
    }

    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    /** The event code of a DTMF digit (0-9, *, #, A-D; §3.2 Table 1), or -1. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** The DTMF digit of an event code, or 0 when the event is not a DTMF digit. */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }
}
