package io.callisto.exec;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A virtual clock and a single {@link Owner} for deterministic tests. Nothing runs by itself: {@link #execute}
 * queues work that {@link #runPending()} runs, and {@link #advance} moves the clock, running every task that
 * falls due in time order (tasks scheduled by tasks included). The "owner thread" is whichever thread is
 * currently inside {@code advance} or {@code runPending}.
 *
 * <p>Not thread-safe: drive it from the test thread only.
 */
public final class VirtualTime implements Owner, Owners {

    private final PriorityQueue<Task> timers = new PriorityQueue<>();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private long now;
    private long sequence;
    private boolean running;

    public VirtualTime() {
        this(0);
    }

    public VirtualTime(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), sequence++, task);
        timers.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    @Override
    public boolean inOwnerThread() {
        return running;
    }

    /** Runs queued work (not timers) until the queue is empty. */
    public void runPending() {
        boolean was = running;
        running = true;
        try {
            Runnable r;
            while ((r = queue.poll()) != null) {
                r.run();
            }
        } finally {
            running = was;
        }
    }

    /** Moves the clock forward by {@code millis}, running queued work and every timer that falls due. */
    public void advance(long millis) {
        advanceTo(now + millis);
    }

    /** Moves the clock to {@code target}, running due timers in order of their due time. */
    public void advanceTo(long target) {
        runPending();
        while (true) {
            Task next = timers.peek();
            if (next == null || next.due > target) {
                break;
            }
            timers.poll();
            if (next.cancelled) {
                continue;
            }
            now = Math.max(now, next.due);
            boolean was = running;
            running = true;
            try {
                next.task.run();
            } finally {
                running = was;
            }
            runPending();
        }
        now = Math.max(now, target);
    }

    /** Number of timers scheduled and not cancelled. */
    public int pendingTimers() {
        int n = 0;
        for (Task t : timers) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }

    /** Due time of the earliest live timer, or -1 when none is scheduled. */
    public long nextDue() {
        long best = -1;
        for (Task t : timers) {
            if (!t.cancelled && (best < 0 || t.due < best)) {
                best = t.due;
            }
        }
        return best;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public Owner get(int index) {
        return this;
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
