package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log of location changes that the H2 location store writes before it acknowledges an update
 * (docs/server-stores.md, "Journal"). A write is one {@code write(2)} of the whole batch, so an acknowledged change is
 * in the operating system's page cache, as an H2 commit with {@code WRITE_DELAY=0} would be, at a fraction of the
 * cost; {@link Checkpointer} later writes the changes to H2 in large transactions and deletes the segments they
 * cover.
 *
 * <p>The journal is a directory of segments {@code NNNNNNNNNNNNNNNNNNNN.log}, numbered upwards. Each record is
 * {@code int length, int CRC-32C of the body, body}; a body is an upsert (every field of a {@link Binding}) or a
 * delete (AoR and binding key). Replay reads the segments in order and stops reading a segment at the first record
 * that is short or fails its check: a torn tail can only hold a batch that was never acknowledged.
 *
 * <p>Not thread-safe: appends and rotation belong to the location store's thread. {@link #deleteThrough} may run on
 * another thread: it only removes sealed segments, which no one writes any more. An exclusive lock on
 * {@code journal.lock} keeps a second server off the same data directory.
 */
final class LocationJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocationJournal.class);
    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\.log");
    private static final byte UPSERT = 1;
    private static final byte DELETE = 2;
    /** Longest record body accepted on replay: a binding's strings are bounded far below this. */
    private static final int MAX_RECORD = 1 << 24;

    /** The journal is held by another process: this one may read the database but must not write bindings. */
    static final class Locked extends IOException {
        private static final long serialVersionUID = 1L;

        Locked(Path dir) {
            super("another process holds the location journal in " + dir + " (one server per data directory)");
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RecordWriter writer = new RecordWriter();
    private FileChannel segment;
    private long segmentNumber;
    private long segmentBytes;

    private LocationJournal(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating when missing) the journal in {@code dir} and locks it. No segment is open for writing until
     * {@link #replay} has run.
     *
     * @throws Locked      when another process holds the journal
     * @throws IOException when the directory cannot be used
     */
    static LocationJournal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new Locked(dir);
        }
        return new LocationJournal(dir, ch, lock);
    }

    /**
     * Reads every segment in order and returns the last change of each binding: the binding, or null where it was
     * deleted. Then opens a new segment after the last one for writing; the replayed segments stay until a
     * checkpoint covers them ({@link #deleteThrough} with {@link #rotate()}'s number).
     */
    Map<ExpiryIndex.Row, Binding> replay() throws IOException {
        Map<ExpiryIndex.Row, Binding> last = new LinkedHashMap<>();
        long highest = 0;
        for (long n : segments()) {
            highest = Math.max(highest, n);
            replaySegment(path(n), last);
        }
        openSegment(highest + 1);
        return last;
    }

    private void replaySegment(Path file, Map<ExpiryIndex.Row, Binding> into) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        int records = 0;
        while (all.remaining() >= 8) {
            int start = all.position();
            int length = all.getInt();
            int crc = all.getInt();
            if (length <= 0 || length > MAX_RECORD || length > all.remaining()) {
                all.position(start);
                break;
            }
            ByteBuffer body = all.slice(all.position(), length);
            if (RecordReader.crc(body) != crc) {
                all.position(start);
                break;
            }
            all.position(all.position() + length);
            try {
                RecordReader r = new RecordReader(body);
                byte op = r.readByte();
                if (op == UPSERT) {
                    Binding b = r.readBinding();
                    into.put(new ExpiryIndex.Row(b.aor(), b.key()), b);
                } else if (op == DELETE) {
                    into.put(new ExpiryIndex.Row(r.readString(), r.readString()), null);
                } else {
                    throw new IOException("unknown record type " + op);
                }
            } catch (IOException | IllegalArgumentException | NullPointerException e) {
                // the checksum matched, so this is not a torn write: refuse to guess what the rest holds
                throw new IOException("location journal " + file + ", record at byte " + start + ": " + e.getMessage()
                        + "; move the file away to start without the changes it holds", e);
            }
            records++;
        }
        if (all.hasRemaining()) {
            LOG.warn("location journal: {} ends with {} byte(s) that are not a whole record (a write cut short, never"
                    + " acknowledged); ignored", file, all.remaining());
        }
        LOG.debug("location journal: replayed {} record(s) of {}", records, file);
    }

    /** Adds an upsert to the batch being built; nothing is written before {@link #write()}. */
    void upsert(Binding b) {
        writer.begin(UPSERT);
        writer.writeBinding(b);
        writer.end();
    }

    /** Adds a delete of (aor, key) to the batch being built. */
    void delete(String aor, String key) {
        writer.begin(DELETE);
        writer.writeString(aor);
        writer.writeString(key);
        writer.end();
    }

    /**
     * Writes the batch built since the last write in one piece. On failure the segment is cut back to where the
     * batch began, so that no partial record sits in front of later ones, and the batch is dropped.
     */
    void write() throws IOException {
        ByteBuffer batch = writer.pending();
        long start = segmentBytes;
        int length = batch.remaining();
        try {
            while (batch.hasRemaining()) {
                segment.write(batch);
            }
            segmentBytes = start + length; // the channel's position, without asking the kernel for it
        } catch (IOException e) {
            try {
                segment.truncate(start);
                segment.position(start);
            } catch (IOException cut) {
                e.addSuppressed(cut);
                openSegment(segmentNumber + 1); // later batches go to a clean segment
            }
            throw e;
        } finally {
            writer.reset();
        }
    }

    /** Bytes written to the current segment. */
    long segmentBytes() {
        return segmentBytes;
    }

    /**
     * Seals the current segment and opens the next; returns the sealed segment's number: every change written so far
     * is in segments up to it.
     */
    long rotate() throws IOException {
        long sealed = segmentNumber;
        openSegment(segmentNumber + 1);
        return sealed;
    }

    /** Deletes the segments numbered up to {@code sealed}, which a checkpoint has written to the database. */
    void deleteThrough(long sealed) throws IOException {
        for (long n : segments()) {
            if (n <= sealed) {
                try {
                    Files.delete(path(n));
                } catch (NoSuchFileException ignored) {
                    // already gone
                }
            }
        }
    }

    private void openSegment(long n) throws IOException {
        FileChannel next = FileChannel.open(path(n), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel old = segment;
        segment = next;
        segmentNumber = n;
        segmentBytes = 0;
        if (old != null) {
            old.close();
        }
    }

    private List<Long> segments() throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : ds) {
                Matcher m = SEGMENT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private Path path(long n) {
        return dir.resolve(String.format("%020d.log", n));
    }

    /** Closes the current segment and releases the lock; the segments stay for the next start. */
    @Override
    public void close() throws IOException {
        try {
            if (segment != null) {
                segment.close();
            }
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
