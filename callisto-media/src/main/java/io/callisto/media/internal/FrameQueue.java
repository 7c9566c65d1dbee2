package io.callisto.media.internal;

import java.util.Arrays;

/**
 * The frames of a {@link JitterBuffer}, sorted by frame index, in two parallel arrays of fixed capacity: no boxed
 * keys and no tree nodes per packet. Frames nearly always arrive in order and leave from the front, so a put is
 * usually an append and a poll moves the front; a reordered frame costs a short array copy. The buffer bounds its
 * size well below the capacity (it drops the oldest frame first), so a full queue is a caller's error.
 *
 * <p>Not thread-safe: used on the session's media thread.
 */
final class FrameQueue<F> {

    private final long[] keys;
    private final Object[] frames;
    private int head;
    private int size;

    FrameQueue(int capacity) {
        keys = new long[capacity];
        frames = new Object[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long key) {
        return find(key) >= 0;
    }

    /** The smallest index held; the queue must not be empty. */
    long firstKey() {
        return keys[head];
    }

    /** Adds a frame whose index is not held yet. */
    void put(long key, F frame) {
        if (size == keys.length) {
            throw new IllegalStateException("frame queue full (" + size + ")");
        }
        int at = -find(key) - 1; // the insertion point, from head
        if (head + size == keys.length) {
            compact();
        }
        int pos = head + at;
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(keys, pos, keys, pos + 1, tail);
            System.arraycopy(frames, pos, frames, pos + 1, tail);
        }
        keys[pos] = key;
        frames[pos] = frame;
        size++;
    }

    /** Removes and returns the first frame; the queue must not be empty. */
    @SuppressWarnings("unchecked")
    F pollFirst() {
        F f = (F) frames[head];
        frames[head] = null;
        head++;
        size--;
        if (size == 0) {
            head = 0;
        }
        return f;
    }

    /** Removes and returns the frame with this index, or null when it is not held. */
    @SuppressWarnings("unchecked")
    F remove(long key) {
        int at = find(key);
        if (at < 0) {
            return null;
        }
        if (at == 0) {
            return pollFirst();
        }
        int pos = head + at;
        F f = (F) frames[pos];
        int tail = size - at - 1;
        System.arraycopy(keys, pos + 1, keys, pos, tail);
        System.arraycopy(frames, pos + 1, frames, pos, tail);
        frames[head + size - 1] = null;
        size--;
        return f;
    }

    void clear() {
        Arrays.fill(frames, null);
        head = 0;
        size = 0;
    }

    /** The offset from head of {@code key}, or (-(insertion offset) - 1) when it is not held. */
    private int find(long key) {
        // in-order arrival: the new key is usually beyond the last one
        if (size == 0 || key > keys[head + size - 1]) {
            return -size - 1;
        }
        int i = Arrays.binarySearch(keys, head, head + size, key);
        return i >= 0 ? i - head : -(-i - 1 - head) - 1;
    }

    private void compact() {
        System.arraycopy(keys, head, keys, 0, size);
        System.arraycopy(frames, head, frames, 0, size);
        Arrays.fill(frames, size, frames.length, null);
        head = 0;
    }
}
