package io.callisto.media.rtp;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import java.util.Arrays;

/**
 * The one pacer of all media: one timer on one {@link Owner} drives every registered session (not a thread or timer
 * per call). Each session ticks every 20 ms, but not all at the same instant: the period is cut into
 * {@value #SLOTS} slots 1 ms apart, and a new session joins the slot that has the fewest sessions. At 1,000 calls
 * that is 50 sends per millisecond instead of a burst of 1,000 every 20 ms, so neither this process's socket work
 * nor the peer's receive queue comes in bursts that delay the last packets of each burst (which the peer measures
 * as jitter, RFC 3550 §6.4.1). The timer fires only for slots that hold sessions, so a phone with one call wakes
 * 50 times a second, not 1,000.
 *
 * <p>Slots run against an ideal timeline (cycle start + slot, cycles 20 ms apart), so a late tick is followed by an
 * early one and the average rate stays exact; after a stall of more than 200 ms the timeline is reset instead of
 * bursting. With a {@link io.callisto.exec.VirtualTime} owner, tests run media deterministically.
 *
 * <p>All tick callbacks run on the owner's thread; {@link #add} may be called from any thread.
 */
public final class MediaClock {

    /** The tick period of each session (RFC 3551 §4.5: 20 ms default packetization). */
    public static final int TICK_MILLIS = 20;
    /** Slots per period, 1 ms apart. */
    static final int SLOTS = TICK_MILLIS;
    private static final int MAX_LAG_MILLIS = 200;
    private static final Runnable[] EMPTY = new Runnable[0];

    private final Owner owner;
    /** The sessions of each slot, copied on change (changes are rare, ticks are 50 a second per session). */
    private final Runnable[][] slots = new Runnable[SLOTS][];
    private int sessions;
    private Cancellable timer = Cancellable.NONE;
    /** When slot 0 of the current cycle is (or was) due. */
    private long cycleStart;
    /** The slot the timer runs next. */
    private int nextSlot;
    private long cycles;

    public MediaClock(Owner owner) {
        this.owner = owner;
        Arrays.fill(slots, EMPTY);
    }

    /** The owner whose thread runs the ticks (and owns every session on this clock). */
    public Owner owner() {
        return owner;
    }

    /** Calls {@code onTick} every 20 ms until the returned handle is cancelled. */
    public Cancellable add(Runnable onTick) {
        int[] joined = {-1};
        owner.run(() -> {
            int slot = leastUsedSlot();
            joined[0] = slot;
            slots[slot] = append(slots[slot], onTick);
            if (sessions++ == 0) {
                // the first session: a new timeline, its first tick one period from now
                cycleStart = owner.nowMillis() + TICK_MILLIS - slot;
                nextSlot = slot;
                arm();
            } else if (comesFirst(slot)) {
                nextSlot = slot;
                arm();
            }
        });
        return () -> owner.run(() -> {
            int slot = joined[0];
            Runnable[] without = remove(slots[slot], onTick);
            if (without == slots[slot]) {
                return; // cancelled already
            }
            slots[slot] = without;
            if (--sessions == 0) {
                timer.cancel();
                timer = Cancellable.NONE;
            }
        });
    }

    /** Full 20 ms periods run so far (for tests and metrics). */
    public long ticks() {
        return cycles;
    }

    /** Sessions per slot, in slot order (for tests and metrics). */
    public int[] slotLoads() {
        int[] loads = new int[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            loads[i] = slots[i].length;
        }
        return loads;
    }

    private int leastUsedSlot() {
        int best = 0;
        for (int i = 1; i < SLOTS; i++) {
            if (slots[i].length < slots[best].length) {
                best = i;
            }
        }
        return best;
    }

    /**
     * True when {@code slot} is due before the slot the timer waits for: later in the timer's cycle than now but
     * earlier than the timer (a slot already passed in this cycle is next due a period later, after the timer).
     */
    private boolean comesFirst(int slot) {
        long due = cycleStart + slot;
        return due >= owner.nowMillis() && due < cycleStart + nextSlot;
    }

    private void arm() {
        timer.cancel();
        long delay = Math.max(0, cycleStart + nextSlot - owner.nowMillis());
        timer = owner.schedule(delay, this::tick);
    }

    private void tick() {
        int slot = nextSlot;
        for (Runnable r : slots[slot]) { // the array, not a live list: a session may leave during its tick
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MediaClock.class).warn("media tick failed", e);
            }
        }
        if (sessions == 0) {
            return;
        }
        // the next slot holding sessions, possibly this one again a period later
        int next = slot;
        do {
            next++;
            if (next == SLOTS) {
                next = 0;
                cycleStart += TICK_MILLIS;
                cycles++;
            }
        } while (slots[next].length == 0);
        nextSlot = next;
        long now = owner.nowMillis();
        if (now - (cycleStart + next) > MAX_LAG_MILLIS) {
            cycleStart = now + TICK_MILLIS - next; // stalled: start a new timeline rather than burst
        }
        arm();
    }

    private static Runnable[] append(Runnable[] array, Runnable r) {
        Runnable[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = r;
        return grown;
    }

    private static Runnable[] remove(Runnable[] array, Runnable r) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == r) {
                Runnable[] shrunk = new Runnable[array.length - 1];
                System.arraycopy(array, 0, shrunk, 0, i);
                System.arraycopy(array, i + 1, shrunk, i, array.length - i - 1);
                return shrunk;
            }
        }
        return array;
    }
}
