package io.callisto.media.internal;

/**
 * An adaptive playout buffer for fixed-duration audio frames. Frames are placed by RTP timestamp (so event
 * packets sharing the sequence space do not look like gaps), reordered, and played one per tick once the buffer
 * holds its target depth. Late frames (their play time has passed) and duplicates are dropped; a missing frame is
 * reported as lost (the caller conceals it). The target depth grows at once with measured jitter (three times the
 * jitter, plus one frame), after an underrun, or by the lateness of a late frame; while playing, a grown target is
 * reached by playing concealment for the added frames (stretching). It shrinks by one frame only after the jitter
 * has stayed low and no frame came late for a while (and not within a minute of a late frame); surplus frames
 * beyond the target are then dropped one at a time.
 *
 * <p>Not thread-safe: used on the session's media thread.
 */
public final class JitterBuffer<F> {

    private static final int MAX_AHEAD_FRAMES = 50;  // a jump of more than 1 s restarts the buffer
    private static final int SHRINK_TICKS = 250;     // 5 s of low jitter before the target shrinks by one frame
    private static final int SURPLUS_TICKS = 50;     // 1 s above target (+2) before a frame is dropped
    private static final int FLOOR_TICKS = 3000;     // a late frame holds the target up for a minute

    private final int samplesPerFrame;
    private final int frameMillis;
    private final int minDepth;
    private final int maxDepth;
    private final FrameQueue<F> frames;
    private int target;
    private boolean playing;
    private boolean started;
    private long nextIndex;
    private boolean haveReference;
    private long referenceTimestamp;
    private long referenceIndex;
    private int lowJitterTicks;
    private int surplusTicks;
    private int stretch;
    private int floor;
    private int floorTicks;
    // counters
    private long late;
    private long duplicates;
    private long lost;
    private long underruns;
    private long discarded;
    private long stretched;

    public JitterBuffer(int samplesPerFrame, int frameMillis, int minDepth, int maxDepth) {
        if (minDepth < 1 || maxDepth < minDepth) {
            throw new IllegalArgumentException("need 1 <= minDepth <= maxDepth");
        }
        this.samplesPerFrame = samplesPerFrame;
        this.frameMillis = frameMillis;
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.target = minDepth;
        this.frames = new FrameQueue<>(4 * maxDepth + 1);
    }

    /** Offers a frame; returns false when it was dropped as late or duplicate. */
    public boolean put(long rtpTimestamp, F payload) {
        long index = indexOf(rtpTimestamp);
        if (started && index < nextIndex) {
            late++;
            grow((int) Math.min(maxDepth, nextIndex - index));
            floor = target;
            floorTicks = FLOOR_TICKS;
            return false;
        }
        if (frames.contains(index)) {
            duplicates++;
            return false;
        }
        long anchor = started ? nextIndex : frames.isEmpty() ? index : frames.firstKey();
        if (Math.abs(index - anchor) > MAX_AHEAD_FRAMES) {
            // the sender jumped (new talk spurt after a long pause, or a restart): start over
            frames.clear();
            playing = false;
            started = false;
        }
        frames.put(index, payload);
        while (frames.size() > 4 * maxDepth) {
            frames.pollFirst();
            discarded++;
        }
        return true;
    }

    private long indexOf(long rtpTimestamp) {
        if (!haveReference) {
            haveReference = true;
            referenceTimestamp = rtpTimestamp;
            referenceIndex = 0;
        }
        int delta = (int) (rtpTimestamp - referenceTimestamp); // 32-bit wrap-safe signed difference
        long index = referenceIndex + Math.floorDiv(delta, samplesPerFrame);
        if (index > referenceIndex) {
            referenceTimestamp = rtpTimestamp;
            referenceIndex = index;
        }
        return index;
    }

    /** The frame to play on this tick, or null when it is missing (lost, or the buffer is filling). */
    public F poll() {
        if (!playing) {
            if (frames.size() < target) {
                return null;
            }
            playing = true;
            started = true;
            nextIndex = frames.firstKey();
        }
        if (stretch > 0) {
            stretch--;
            stretched++;
            return null; // play concealment to build up the delay of a grown target
        }
        F frame = frames.remove(nextIndex);
        if (frame == null) {
            if (frames.isEmpty()) {
                stretch = 0;
                // underrun: stop and refill to a deeper target; the missing frame may still arrive
                playing = false;
                underruns++;
                target = Math.min(maxDepth, target + 1);
                lowJitterTicks = 0;
                return null;
            }
            lost++;
            nextIndex++;
            return null;
        }
        nextIndex++;
        if (frames.size() > target + 2) {
            if (++surplusTicks >= SURPLUS_TICKS) {
                surplusTicks = 0;
                frames.remove(nextIndex);
                nextIndex++;
                discarded++;
            }
        } else {
            surplusTicks = 0;
        }
        return frame;
    }

    /** Adapts the target depth to the measured interarrival jitter (called once per tick). */
    public void jitter(double jitterMillis) {
        int wanted = Math.max(minDepth, Math.min(maxDepth, 1 + (int) Math.ceil(3 * jitterMillis / frameMillis)));
        if (floorTicks > 0) {
            floorTicks--;
            wanted = Math.max(wanted, floor);
        }
        if (wanted > target) {
            grow(wanted - target);
        } else if (wanted < target) {
            if (++lowJitterTicks >= SHRINK_TICKS) {
                target--;
                lowJitterTicks = 0;
            }
        } else {
            lowJitterTicks = 0;
        }
    }

    private void grow(int frames) {
        int grown = Math.min(maxDepth, target + frames);
        if (playing) {
            stretch += grown - target;
        }
        target = grown;
        lowJitterTicks = 0;
    }

    public int targetDepth() {
        return target;
    }

    /** Frames buffered now. */
    public int depth() {
        return frames.size();
    }

    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Frames missing at their play time while later ones were buffered. */
    public long lost() {
        return lost;
    }

    public long underruns() {
        return underruns;
    }

    /** Ticks played as concealment to deepen the buffer while playing. */
    public long stretched() {
        return stretched;
    }

    /** Frames dropped to shrink the delay or bound memory. */
    public long discarded() {
        return discarded;
    }
}
