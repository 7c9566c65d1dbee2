package io.callisto.media.dtmf;

import io.callisto.media.rtp.ParseResult;

/**
 * Turns received RFC 4733 event packets into digits, each reported once. An event is identified by its RTP
 * timestamp (§2.5.2.2: all packets of one event share the start timestamp); it is reported when its first end
 * packet arrives, or, if all end packets were lost, when the next event starts or after {@link #SILENCE_TICKS}
 * media ticks without a packet of it. Redundant end packets and retransmissions of a reported event are ignored.
 *
 * <p>Not thread-safe: used on the session's media thread.
 */
public final class DtmfReceiver {

    /** Ticks (20 ms) without a packet after which an event whose end packets were all lost is reported. */
    public static final int SILENCE_TICKS = 15;

    private final int clockRate;
    private int quietTicks;
    private DtmfListener listener;
    private boolean active;
    private long timestamp;
    private int event;
    private int duration;
    private boolean reported;
    private long previousTimestamp = -1;

    public DtmfReceiver(int clockRate, DtmfListener listener) {
        this.clockRate = clockRate;
        this.listener = listener == null ? d -> { } : listener;
    }

    public void listener(DtmfListener listener) {
        this.listener = listener == null ? d -> { } : listener;
    }

    /**
     * Handles one telephone-event payload with its packet's RTP timestamp. Returns false when the payload is
     * malformed (it is then ignored).
     */
    public boolean onPacket(long rtpTimestamp, byte[] payload) {
        ParseResult<TelephoneEvent> parsed = TelephoneEvent.parse(payload);
        if (!parsed.isOk()) {
            return false;
        }
        TelephoneEvent e = parsed.value();
        if (rtpTimestamp == previousTimestamp) {
            return true; // a late packet of the event before the current one
        }
        if (!active || rtpTimestamp != timestamp) {
            if (active) {
                if (!reported) {
                    report(); // the previous event lost all its end packets
                }
                previousTimestamp = timestamp;
            }
            active = true;
            timestamp = rtpTimestamp;
            event = e.event();
            duration = 0;
            reported = false;
        }
        if (reported) {
            return true; // redundant end packet
        }
        quietTicks = 0;
        duration = Math.max(duration, e.duration());
        if (e.end()) {
            report();
        }
        return true;
    }

    /** The digit of the event under way (not yet ended), or 0 when none is. */
    public char activeDigit() {
        return active && !reported ? TelephoneEvent.digitOf(event) : 0;
    }

    /** Called once per media tick: ends an event that stopped arriving without an end packet. */
    public void tick() {
        if (active && !reported && ++quietTicks >= SILENCE_TICKS) {
            report();
        }
    }

    private void report() {
        reported = true;
        char digit = TelephoneEvent.digitOf(event);
        if (digit != 0) {
            listener.onDigit(new DtmfDigit(digit, (int) ((long) duration * 1000 / clockRate)));
        }
    }
}
