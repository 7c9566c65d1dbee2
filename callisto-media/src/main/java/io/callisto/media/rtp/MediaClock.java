package io.callisto.media.rtp;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import java.util.ArrayList;
import java.util.List;

/**
 * The one pacer of all media: a single 20 ms tick on one {@link Owner} drives every registered session (not a
 * thread or timer per call). Ticks are scheduled against an ideal timeline (start + n × 20 ms), so a late tick is
 * followed by an early one and the average rate stays exact; after a stall of more than 200 ms the timeline is
 * reset instead of bursting. With a {@link io.callisto.exec.VirtualTime} owner, tests run media deterministically.
 *
 * <p>All tick callbacks run on the owner's thread; {@link #add} may be called from any thread.
 */
public final class MediaClock {

    /** The tick period (RFC 3551 §4.5: 20 ms default packetization). */
    public static final int TICK_MILLIS = 20;
    private static final int MAX_LAG_MILLIS = 200;

    private final Owner owner;
    private final List<Runnable> tickers = new ArrayList<>();
    private Cancellable timer = Cancellable.NONE;
    private long nextDue;
    private long ticks;

    public MediaClock(Owner owner) {
        this.owner = owner;
    }

    /** The owner whose thread runs the ticks (and owns every session on this clock). */
    public Owner owner() {
        return owner;
    }

    /** Calls {@code onTick} every 20 ms until the returned handle is cancelled. */
    public Cancellable add(Runnable onTick) {
        owner.run(() -> {
            tickers.add(onTick);
            if (tickers.size() == 1) {
                nextDue = owner.nowMillis() + TICK_MILLIS;
                timer = owner.schedule(TICK_MILLIS, this::tick);
            }
        });
        return () -> owner.run(() -> {
            tickers.remove(onTick);
            if (tickers.isEmpty()) {
                timer.cancel();
                timer = Cancellable.NONE;
            }
        });
    }

    /** Ticks run so far (for tests and metrics). */
    public long ticks() {
        return ticks;
    }

    private void tick() {
        ticks++;
        for (Runnable r : List.copyOf(tickers)) {
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MediaClock.class).warn("media tick failed", e);
            }
        }
        if (tickers.isEmpty()) {
            return;
        }
        long now = owner.nowMillis();
        nextDue += TICK_MILLIS;
        if (now - nextDue > MAX_LAG_MILLIS) {
            nextDue = now + TICK_MILLIS;
        }
        timer = owner.schedule(Math.max(0, nextDue - now), this::tick);
    }
}
