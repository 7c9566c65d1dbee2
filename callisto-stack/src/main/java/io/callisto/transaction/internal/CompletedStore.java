package io.callisto.transaction.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Scheduler;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportLayer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed non-INVITE server transactions over UDP, reduced to what they still do for Timer J (RFC 3261 §17.2.2:
 * 64*T1, 32 s): answer a retransmitted request with the final response again. At thousands of requests per second
 * (a registrar) they are most of the live heap, and kept as objects (the transaction, its key, its flow and
 * addresses, the response bytes, a map node) every young collection of the JVM copies them again, which is what
 * made throughput fall off a cliff. Here each one is a record in a few large byte arrays, which the collector does
 * not copy (the size of a G1 humongous object), plus two slots of an open-addressing index of primitive arrays.
 *
 * <p>Records are appended in the order their transactions complete, and all wait equally long, so they expire in
 * that order: one scheduled sweep drops the due ones from the front, as {@link LingerQueues} does for objects.
 * A record is: length, due time, key hash, key length, local address index, remote address and port, the key
 * (branch, method and sent-by, {@link Keys#server}), the response bytes. Owner thread only; {@link #count()} may be
 * read from anywhere.
 */
final class CompletedStore {

    /**
     * Bytes per chunk: large enough to be a humongous object in G1 with heaps up to 8 GB (regions of up to 4 MB),
     * and small enough that the array with its header fills whole regions of 1, 2 or 4 MB. A chunk of exactly 4 MB
     * took five 1 MB regions (a 2 GB heap), the fifth holding only the 16-byte header's overflow: a fifth of the
     * store's memory was wasted, and the young generation smaller by as much.
     */
    static final int CHUNK = (4 << 20) - 64;
    private static final int HEADER = 4 + 8 + 4 + 2 + 2 + 1;
    private static final SendListener IGNORE = new SendListener() {
        @Override
        public void onSent(Flow flow) {
        }

        @Override
        public void onFailure(Throwable cause) {
        }
    };

    private final Scheduler clock;
    private final TransportLayer transport;
    private final int maxChunks;
    /** Oldest first; the last one is written to. */
    private final ArrayList<byte[]> chunks = new ArrayList<>();
    private byte[] spare;
    /** Sequence number of the first (oldest) chunk; a record's location is (sequence << 32) | offset. */
    private long firstSeq;
    private int readOffset;
    private int writeOffset = CHUNK; // no chunk yet: the first put opens one
    private long[] slots = new long[1 << 10];
    private int[] hashes = new int[1 << 10];
    private volatile int count;
    private final List<InetSocketAddress> locals = new ArrayList<>(2);
    private Cancellable sweep = Cancellable.NONE;
    private long sweepAt = Long.MAX_VALUE;
    private long lastSweep = Long.MIN_VALUE / 2;

    /**
     * A store of at most {@code maxChunks} chunks: once they are full, {@link #put} refuses until the oldest expire,
     * and the transaction waits out Timer J as an object, counted as live, so that the stack's overload control
     * bounds the memory of a flood of requests.
     */
    CompletedStore(Scheduler clock, TransportLayer transport, int maxChunks) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be at least 1: " + maxChunks);
        }
        this.clock = clock;
        this.transport = transport;
        this.maxChunks = maxChunks;
    }

    /**
     * The chunks each of {@code tables} stores may hold by default: together a quarter of the maximum heap, at least
     * 4 each (16 MiB: about 40,000 REGISTER transactions).
     */
    static int defaultMaxChunks(int tables) {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(4, Math.min(Integer.MAX_VALUE, quarter / CHUNK / Math.max(1, tables)));
    }

    /** Records held, expired ones not yet swept included. */
    int count() {
        return count;
    }

    /**
     * Keeps {@code response} for retransmissions of the request with {@code key} until {@code millis} from now.
     * Returns false (nothing kept) when the transaction does not fit this form: no UDP flow, a key that is not
     * plain Latin-1 or too long, a response larger than a chunk, or every chunk the store may hold is full.
     */
    boolean put(String key, byte[] response, Flow flow, long millis) {
        if (flow == null || flow.transport() != Transport.UDP || flow.local() == null || flow.remote() == null
                || flow.remote().isUnresolved() || key.length() > Short.MAX_VALUE || !latin1(key)) {
            return false;
        }
        byte[] address = flow.remote().getAddress().getAddress();
        int localIndex = localIndex(flow.local());
        int length = HEADER + address.length + 2 + key.length() + response.length;
        if (length > CHUNK || localIndex < 0) {
            return false;
        }
        if (writeOffset + length > CHUNK) {
            if (chunks.size() >= maxChunks) {
                return false;
            }
            newChunk();
        }
        byte[] c = chunks.get(chunks.size() - 1);
        int o = writeOffset;
        long now = clock.nowMillis();
        long due = now + millis;
        int hash = key.hashCode();
        putInt(c, o, length);
        putLong(c, o + 4, due);
        putInt(c, o + 12, hash);
        putShort(c, o + 16, key.length());
        putShort(c, o + 18, localIndex);
        c[o + 20] = (byte) address.length;
        int p = o + HEADER;
        System.arraycopy(address, 0, c, p, address.length);
        p += address.length;
        putShort(c, p, flow.remote().getPort());
        p += 2;
        for (int i = 0; i < key.length(); i++) {
            c[p++] = (byte) key.charAt(i);
        }
        System.arraycopy(response, 0, c, p, response.length);
        writeOffset = o + length;
        index(hash, location(firstSeq + chunks.size() - 1, o));
        count++;
        if (due < sweepAt) {
            arm(due, now);
        }
        return true;
    }

    /**
     * A request with {@code key} arrived: when a record for it is held and not yet due, its response is sent again
     * (to the address and from the socket the request came by) and true is returned.
     */
    boolean resend(String key) {
        if (count == 0) {
            return false;
        }
        long loc = find(key, clock.nowMillis());
        if (loc < 0) {
            return false;
        }
        byte[] c = chunk(loc);
        int o = (int) loc;
        int length = getInt(c, o);
        int keyLength = getShort(c, o + 16);
        InetSocketAddress local = locals.get(getShort(c, o + 18));
        int addressLength = c[o + 20];
        byte[] address = java.util.Arrays.copyOfRange(c, o + HEADER, o + HEADER + addressLength);
        int p = o + HEADER + addressLength;
        int port = getShort(c, p);
        p += 2 + keyLength;
        byte[] bytes = java.util.Arrays.copyOfRange(c, p, o + length);
        InetSocketAddress remote;
        try {
            remote = new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            return false; // not reached: the address has 4 or 16 bytes
        }
        SipResponse response;
        try {
            response = (SipResponse) SipParser.DEFAULT.parseDatagram(bytes);
        } catch (RuntimeException e) {
            return false; // not reached: these bytes were written from a message and fit when they were sent
        }
        transport.sendResponse(response, bytes, new Flow(Transport.UDP, local, remote, 0), IGNORE);
        return true;
    }

    // ------------------------------------------------------------------------------------------------ expiry

    private void arm(long at, long now) {
        sweep.cancel();
        sweepAt = at;
        sweep = clock.schedule(Math.max(0, at - now), this::sweep);
    }

    private void sweep() {
        sweepAt = Long.MAX_VALUE;
        sweep = Cancellable.NONE;
        long now = clock.nowMillis();
        lastSweep = now;
        while (count > 0 && !chunks.isEmpty()) {
            byte[] c = chunks.get(0);
            boolean writing = chunks.size() == 1;
            if (writing && readOffset >= writeOffset) {
                java.util.Arrays.fill(slots, 0); // not reached while count > 0; if it were, no slot may point here
                break;
            }
            if (!writing && (readOffset + 4 > CHUNK || getInt(c, readOffset) == 0)) {
                dropFirstChunk();
                continue;
            }
            long due = getLong(c, readOffset + 4);
            if (due > now) {
                arm(Math.max(due, lastSweep + LingerQueues.GRAIN_MILLIS), now);
                return;
            }
            unindex(getInt(c, readOffset + 12), location(firstSeq, readOffset));
            readOffset += getInt(c, readOffset);
            count--;
        }
        // empty: start over in the newest chunk
        count = 0;
        while (chunks.size() > 1) {
            dropFirstChunk();
        }
        readOffset = 0;
        writeOffset = chunks.isEmpty() ? CHUNK : 0;
    }

    private void newChunk() {
        if (!chunks.isEmpty() && writeOffset + 4 <= CHUNK) {
            putInt(chunks.get(chunks.size() - 1), writeOffset, 0); // end of this chunk's records
        }
        byte[] c = spare != null ? spare : new byte[CHUNK];
        spare = null;
        if (chunks.isEmpty()) {
            readOffset = 0;
        }
        chunks.add(c);
        writeOffset = 0;
    }

    private void dropFirstChunk() {
        byte[] c = chunks.remove(0);
        firstSeq++;
        readOffset = 0;
        if (spare == null) {
            spare = c; // one is kept for reuse; more would only hold memory after a burst
        }
        if (chunks.isEmpty()) {
            writeOffset = CHUNK;
        }
    }

    // ------------------------------------------------------------------------------------------------ index

    private static long location(long seq, int offset) {
        return (seq << 32) | offset;
    }

    private byte[] chunk(long loc) {
        return chunks.get((int) ((loc >>> 32) - firstSeq));
    }

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void index(int hash, long loc) {
        if ((count + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = home(hash, mask);
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = loc + 1;
        hashes[i] = hash;
    }

    /** The record for {@code key} whose Timer J has not fired at {@code now} (one that has waits for the sweep). */
    private long find(String key, long now) {
        int hash = key.hashCode();
        int mask = slots.length - 1;
        for (int i = home(hash, mask); slots[i] != 0; i = (i + 1) & mask) {
            long loc = slots[i] - 1;
            if (hashes[i] == hash && keyEquals(loc, key) && getLong(chunk(loc), (int) loc + 4) > now) {
                return loc;
            }
        }
        return -1;
    }

    private boolean keyEquals(long loc, String key) {
        byte[] c = chunk(loc);
        int o = (int) loc;
        int keyLength = getShort(c, o + 16);
        if (keyLength != key.length()) {
            return false;
        }
        int p = o + HEADER + c[o + 20] + 2;
        for (int i = 0; i < keyLength; i++) {
            if ((c[p + i] & 0xFF) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Removes the slot holding {@code loc}, shifting the probe chain back (linear probing without tombstones). */
    private void unindex(int hash, long loc) {
        int mask = slots.length - 1;
        int i = home(hash, mask);
        while (slots[i] != loc + 1) {
            if (slots[i] == 0) {
                return; // not reached: every record is indexed
            }
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slots[j] == 0) {
                break;
            }
            int k = home(hashes[j], mask);
            // move j back to i when its home is not cyclically within (i, j]
            boolean inRange = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!inRange) {
                slots[i] = slots[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        slots[i] = 0;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new long[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int s = 0; s < oldSlots.length; s++) {
            if (oldSlots[s] != 0) {
                int i = home(oldHashes[s], mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[s];
                hashes[i] = oldHashes[s];
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private int localIndex(InetSocketAddress local) {
        int i = locals.indexOf(local);
        if (i < 0 && locals.size() < Short.MAX_VALUE) {
            locals.add(local);
            i = locals.size() - 1;
        }
        return i;
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static void putInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
    }

    private static void putLong(byte[] b, int o, long v) {
        putInt(b, o, (int) (v >>> 32));
        putInt(b, o + 4, (int) v);
    }

    private static long getLong(byte[] b, int o) {
        return (long) getInt(b, o) << 32 | (getInt(b, o + 4) & 0xFFFFFFFFL);
    }

    private static void putShort(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    private static int getShort(byte[] b, int o) {
        return (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
    }
}
