package io.callisto.server.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.server.location.Binding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The location journal: what replay gives back, torn tails, corrupt records, segments and the lock. */
class LocationJournalTest {

    private static final String ALICE = "sip:alice@example.com";

    @TempDir
    Path dir;

    private static Binding binding(String contact, long expiresAt) {
        return new Binding(ALICE, contact, 0.5, expiresAt, "call-" + contact, 7, null, 0, List.of(), "udp:192.0.2.1:5060",
                null, "node1", null, 1_000);
    }

    @Test
    void replayGivesTheLastChangeOfEachBindingWithEveryField() throws IOException {
        Binding full = new Binding(ALICE, "sip:alice@192.0.2.9:5062;transport=tcp", -1, 99_000, "c1@h", 42,
                "<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>", 2, List.of("<sip:p1.example.com;lr>", "<sip:ü@x>"),
                "tcp:192.0.2.9:40000", "flow-7", "node1", "Ünïcode phone/1.0", 12_345);
        Binding a1 = binding("sip:a@192.0.2.1", 10_000);
        Binding a1Later = binding("sip:a@192.0.2.1", 20_000);
        Binding gone = binding("sip:gone@192.0.2.2", 10_000);
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThat(j.replay()).isEmpty();
            j.upsert(full);
            j.upsert(a1);
            j.upsert(gone);
            j.write();
            j.upsert(a1Later);
            j.delete(ALICE, gone.key());
            j.write();
        }
        try (LocationJournal j = LocationJournal.open(dir)) {
            Map<ExpiryIndex.Row, Binding> last = j.replay();
            assertThat(last).hasSize(3);
            assertThat(last.get(new ExpiryIndex.Row(ALICE, full.key()))).isEqualTo(full);
            assertThat(last.get(new ExpiryIndex.Row(ALICE, a1.key()))).isEqualTo(a1Later);
            assertThat(last).containsEntry(new ExpiryIndex.Row(ALICE, gone.key()), null);
        }
    }

    @Test
    void aTornTailIsIgnoredAndTheRecordsBeforeItAreKept() throws IOException {
        Binding kept = binding("sip:kept@192.0.2.1", 10_000);
        try (LocationJournal j = LocationJournal.open(dir)) {
            j.replay();
            j.upsert(kept);
            j.write();
            j.upsert(binding("sip:torn@192.0.2.1", 10_000));
            j.write();
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (var ch = Files.newByteChannel(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // the second record was cut short by a crash
        }
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThat(j.replay()).containsOnlyKeys(new ExpiryIndex.Row(ALICE, kept.key()));
        }
    }

    @Test
    void aRecordWhoseChecksumFailsEndsTheSegment() throws IOException {
        try (LocationJournal j = LocationJournal.open(dir)) {
            j.replay();
            j.upsert(binding("sip:one@192.0.2.1", 10_000));
            j.write();
            j.upsert(binding("sip:two@192.0.2.1", 10_000));
            j.write();
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x55; // flip bits inside the second record's body
        Files.write(segment, bytes);
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThat(j.replay()).containsOnlyKeys(new ExpiryIndex.Row(ALICE, "sip:one@192.0.2.1"));
        }
    }

    @Test
    void aWellFormedButUnknownRecordStopsTheStartWithTheFileNamed() throws IOException {
        RecordWriter w = new RecordWriter();
        w.begin((byte) 9);
        w.writeString("what is this");
        w.end();
        ByteBuffer b = w.pending();
        Files.write(dir.resolve(String.format("%020d.log", 1)), java.util.Arrays.copyOf(b.array(), b.remaining()));
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThatThrownBy(j::replay).isInstanceOf(IOException.class)
                    .hasMessageContaining("00000000000000000001.log").hasMessageContaining("unknown record type 9");
        }
    }

    @Test
    void segmentsReplayInOrderAndACheckpointDeletesOnlyTheSealedOnes() throws IOException {
        Binding first = binding("sip:a@192.0.2.1", 10_000);
        Binding second = binding("sip:a@192.0.2.1", 30_000);
        long sealed;
        try (LocationJournal j = LocationJournal.open(dir)) {
            j.replay();
            j.upsert(first);
            j.write();
            sealed = j.rotate();
            j.upsert(second);
            j.write();
        }
        assertThat(segments()).hasSize(2);
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThat(j.replay()).containsEntry(new ExpiryIndex.Row(ALICE, first.key()), second);
            j.deleteThrough(sealed);
            assertThat(segments()).hasSize(2); // the second segment and the new one opened by replay
            assertThat(j.replay()).containsEntry(new ExpiryIndex.Row(ALICE, first.key()), second);
        }
    }

    @Test
    void aSecondOpenerIsToldTheJournalIsTaken() throws IOException {
        try (LocationJournal j = LocationJournal.open(dir)) {
            assertThatThrownBy(() -> LocationJournal.open(dir)).isInstanceOf(LocationJournal.Locked.class)
                    .hasMessageContaining("one server per data directory");
        }
        LocationJournal.open(dir).close(); // released on close
    }

    private Path onlySegment() throws IOException {
        List<Path> logs = segments().stream().filter(p -> {
            try {
                return Files.size(p) > 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(logs).hasSize(1);
        return logs.get(0);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }
}
