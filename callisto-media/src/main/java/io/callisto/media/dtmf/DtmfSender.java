package io.callisto.media.dtmf;

import java.util.ArrayDeque;

/**
 * Sends DTMF digits as RFC 4733 events, one step per 20 ms media tick. For each digit: a first packet with the
 * marker bit (§2.5.1.1), then one packet per tick with the same timestamp and a growing duration (§2.5.1.2), and
 * when the duration is reached three end packets with the E bit and the final duration (§2.5.1.4), then a pause
 * before the next digit. While an event is under way the session sends these instead of audio.
 *
 * <p>Not thread-safe: used on the session's media thread.
 */
public final class DtmfSender {

    /** An event packet to send on this tick. */
    public record Packet(boolean marker, long timestamp, TelephoneEvent event) {
    }

    private static final int END_PACKETS = 3;
    private static final int GAP_TICKS = 3;
    private static final int MAX_DURATION_MILLIS = 5000; // stays below the 16-bit duration field at 8 kHz

    private final int samplesPerTick;
    private final int clockRate;
    private final int volume;
    private final ArrayDeque<int[]> queue = new ArrayDeque<>(); // {event, duration in timestamp units}
    private int[] current;
    private long eventTimestamp;
    private int elapsed;
    private int endsSent;
    private int gap;

    /** A sender for the given RTP clock and packet time; volume is in -dBm0 (10 is typical). */
    public DtmfSender(int clockRate, int samplesPerTick, int volume) {
        this.clockRate = clockRate;
        this.samplesPerTick = samplesPerTick;
        this.volume = volume;
    }

    /**
     * Queues a digit (0-9, *, #, A-D) of the given duration, bounded to 40..5000 ms.
     *
     * @throws IllegalArgumentException for any other character
     */
    public void queue(char digit, int durationMillis) {
        int event = TelephoneEvent.eventOf(digit);
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        int millis = Math.max(40, Math.min(MAX_DURATION_MILLIS, durationMillis));
        queue.add(new int[] {event, (int) ((long) millis * clockRate / 1000)});
    }

    /** True while an event or the pause after it is under way, or digits are queued. */
    public boolean busy() {
        return current != null || gap > 0 || !queue.isEmpty();
    }

    /**
     * Advances one tick. {@code timestamp} is the RTP timestamp the audio frame of this tick would carry. Returns
     * the event packet to send instead of audio, or null to send audio.
     */
    public Packet tick(long timestamp) {
        if (current == null) {
            if (gap > 0) {
                gap--;
                return null;
            }
            current = queue.poll();
            if (current == null) {
                return null;
            }
            eventTimestamp = timestamp;
            elapsed = 0;
            endsSent = 0;
        }
        int total = current[1];
        boolean first = elapsed == 0;
        if (elapsed < total) {
            elapsed = Math.min(total, elapsed + samplesPerTick);
        }
        boolean end = elapsed >= total;
        TelephoneEvent event = new TelephoneEvent(current[0], end, volume, elapsed);
        if (end && ++endsSent >= END_PACKETS) {
            current = null;
            gap = GAP_TICKS;
        }
        return new Packet(first, eventTimestamp, event);
    }
}
