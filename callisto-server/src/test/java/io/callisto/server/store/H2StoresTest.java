package io.callisto.server.store;

import static io.callisto.server.store.TestBindings.binding;
import static io.callisto.server.store.TestBindings.eventually;
import static io.callisto.server.store.TestBindings.live;
import static io.callisto.server.store.TestBindings.outbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.server.auth.Credential;
import io.callisto.server.location.Binding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 stores: what a commit keeps across a reopen, expiry, failures, listeners, and changes by others. */
class H2StoresTest {

    private static final String ALICE = "sip:alice@example.com";
    private static final String BOB = "sip:bob@example.com";

    @TempDir
    Path dir;

    private Stores open() throws Exception {
        return Stores.open(StoreConfig.h2(dir).withCheckpointSeconds(2));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void bindingsAndCredentialsSurviveCloseAndReopen() throws Exception {
        Binding a1 = live(ALICE, "sip:alice@192.0.2.4:5060");
        Binding a2 = outbound(ALICE, "sip:alice@192.0.2.9:5062;transport=tcp", "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", 1);
        Binding b1 = live(BOB, "sip:bob@192.0.2.5");
        Credential alice = Credential.fromPassword("alice", "example.com", "secret".toCharArray());
        Credential bob = Credential.fromPassword("bob", "example.com", "hunter2".toCharArray());
        try (Stores s = open()) {
            await(s.location().update(ALICE, List.of(a1, a2), List.of()));
            await(s.location().update(BOB, List.of(b1), List.of()));
            await(s.credentials().put(alice));
            await(s.credentials().put(bob));
            assertThat(s.location().lookup(ALICE)).containsExactlyInAnyOrder(a1, a2);
        }
        assertThat(dir.resolve("callisto.mv.db")).exists();
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactlyInAnyOrder(a1, a2);
            assertThat(s.location().lookup(BOB)).containsExactly(b1);
            assertThat(s.location().aors()).containsExactly(ALICE, BOB);
            assertThat(s.location().bindingCount()).isEqualTo(3);
            assertThat(s.credentials().find("alice", "example.com")).contains(alice);
            assertThat(s.credentials().list()).containsExactly(alice, bob);
        }
    }

    @Test
    void updateReplacesByKeyAndRemovesAfterwards() throws Exception {
        Binding old = live(ALICE, "sip:alice@192.0.2.4");
        Binding other = live(ALICE, "sip:alice@192.0.2.7");
        Binding refreshed = binding(ALICE, "sip:alice@192.0.2.4", System.currentTimeMillis() + 7_200_000);
        try (Stores s = open()) {
            await(s.location().update(ALICE, List.of(old, other), List.of()));
            // the same key upserted and removed in one update: removed (removals come after upserts)
            await(s.location().update(ALICE, List.of(refreshed, live(ALICE, "sip:gone@x")), List.of("sip:gone@x")));
            assertThat(s.location().lookup(ALICE)).containsExactlyInAnyOrder(refreshed, other);
            await(s.location().update(ALICE, List.of(), List.of(other.key())));
            assertThat(s.credentials().remove("nobody", "example.com").get(10, TimeUnit.SECONDS)).isFalse();
        }
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactly(refreshed);
        }
    }

    @Test
    void expiredBindingsAreRemovedAndNeverReloaded() throws Exception {
        long now = System.currentTimeMillis();
        Binding stale = binding(ALICE, "sip:alice@192.0.2.4", now - 1_000);
        Binding fresh = live(ALICE, "sip:alice@192.0.2.5");
        Binding staleBob = binding(BOB, "sip:bob@192.0.2.6", now - 5_000);
        LinkedBlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (Stores s = open()) {
            await(s.location().update(ALICE, List.of(stale, fresh), List.of()));
            await(s.location().update(BOB, List.of(staleBob), List.of()));
            assertThat(s.location().lookup(ALICE)).containsExactly(fresh);
            s.location().addListener(told::add);
            assertThat(await(s.location().removeExpired(now))).isEqualTo(2);
            assertThat(told).containsExactlyInAnyOrder(ALICE, BOB);
            assertThat(s.location().bindingCount()).isEqualTo(1);
            assertThat(s.location().aors()).containsExactly(ALICE);
            // expired but not yet removed: kept in the file, not loaded again
            await(s.location().update(BOB, List.of(binding(BOB, "sip:bob@192.0.2.8", now - 1)), List.of()));
        }
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactly(fresh);
            assertThat(s.location().lookup(BOB)).isEmpty();
            assertThat(s.location().bindingCount()).isEqualTo(1);
        }
    }

    @Test
    void aFailingDatabaseFailsCredentialWritesWhileBindingsGoOnThroughTheJournal() throws Exception {
        Binding kept = live(ALICE, "sip:alice@192.0.2.4");
        Binding fresh = live(ALICE, "sip:new@192.0.2.9");
        Credential alice = Credential.fromPassword("alice", "example.com", "pw".toCharArray());
        try (Stores s = open()) {
            await(s.location().update(ALICE, List.of(kept), List.of()));
            await(s.credentials().put(alice));
            LinkedBlockingQueue<String> told = new LinkedBlockingQueue<>();
            s.location().addListener(told::add);
            s.database().pool().close(); // every later connection request fails

            // the binding is acknowledged once it is in the journal; the database is needed only by checkpoints
            await(s.location().update(ALICE, List.of(fresh), List.of(kept.key())));
            assertThat(s.location().lookup(ALICE)).containsExactly(fresh);
            assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo(ALICE);

            CompletableFuture<Boolean> r = s.credentials().remove("alice", "example.com");
            assertThatThrownBy(() -> r.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(s.credentials().find("alice", "example.com")).contains(alice);
        } // the final checkpoint fails: the journal keeps the change
        assertThat(dir.resolve(Stores.JOURNAL_DIR)).isDirectoryContaining("glob:**.log");
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactly(fresh);
        }
    }

    @Test
    void aCheckpointWritesTheJournalIntoTheDatabaseAndDeletesItsSegments() throws Exception {
        Binding b = live(ALICE, "sip:alice@192.0.2.4");
        try (Stores s = open()) {
            await(s.location().update(ALICE, List.of(live(ALICE, "sip:alice@192.0.2.4;first")), List.of()));
            await(s.location().update(ALICE, List.of(b), List.of("sip:alice@192.0.2.4;first")));
            assertThat(rows(s)).as("not yet checkpointed").isZero();
            eventually(Duration.ofSeconds(20), "a checkpoint ran", () -> rows(s) == 1);
            eventually(Duration.ofSeconds(10), "its segments were deleted", () -> {
                java.io.File[] logs = dir.resolve(Stores.JOURNAL_DIR).toFile().listFiles((d, n) -> n.endsWith(".log"));
                return logs != null && java.util.Arrays.stream(logs).allMatch(f -> f.length() == 0);
            });
        }
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactly(b);
        }
    }

    private static long rows(Stores s) {
        try (var c = s.database().pool().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM location_binding")) {
            rs.next();
            long n = rs.getLong(1);
            c.commit();
            return n;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listenersAreToldAfterMemoryChanged() throws Exception {
        Binding b = live(ALICE, "sip:alice@192.0.2.4");
        try (Stores s = open()) {
            List<List<Binding>> seen = new ArrayList<>();
            s.location().addListener(aor -> seen.add(s.location().lookup(aor)));
            s.location().addListener(aor -> {
                throw new IllegalStateException("a broken listener does not stop the others");
            });
            await(s.location().update(ALICE, List.of(b), List.of()));
            assertThat(seen).containsExactly(List.of(b));
        }
    }

    @Test
    void manyQueuedUpdatesAllCommit() throws Exception {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (Stores s = open()) {
            for (int i = 0; i < 2_000; i++) {
                String aor = "sip:u" + (i % 100) + "@example.com";
                futures.add(s.location().update(aor, List.of(live(aor, "sip:c" + i + "@192.0.2.1")), List.of()));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            assertThat(s.location().bindingCount()).isEqualTo(2_000);
        }
        try (Stores s = open()) {
            assertThat(s.location().bindingCount()).isEqualTo(2_000);
            assertThat(s.location().lookup("sip:u7@example.com")).hasSize(20);
        }
    }

    /** Bytes in the journal's segments: what has been written to it so far. */
    private long journalBytes() throws Exception {
        try (var files = Files.list(dir.resolve(Stores.JOURNAL_DIR))) {
            long n = 0;
            for (Path p : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                n += Files.size(p);
            }
            return n;
        }
    }

    @Test
    void updatesMadeInOneTurnShareOneWriteQueuedBehindThatTurn() throws Exception {
        List<Runnable> turn = new ArrayList<>();
        try (Stores s = open()) {
            long before = journalBytes();
            Binding a = live(ALICE, "sip:alice@192.0.2.4");
            Binding b = live(BOB, "sip:bob@192.0.2.5");
            CompletableFuture<Void> fa = s.location().update(ALICE, List.of(a), List.of(), turn::add);
            CompletableFuture<Void> fb = s.location().update(BOB, List.of(b), List.of(), turn::add);
            assertThat(turn).hasSize(1); // the first update queued the write; the second joined it
            assertThat(fa).isNotDone();
            assertThat(fb).isNotDone();
            assertThat(s.location().lookup(ALICE)).isEmpty(); // memory changes only once the change is durable
            assertThat(journalBytes()).isEqualTo(before);

            turn.remove(0).run();
            assertThat(fa).isCompletedWithValue(null);
            assertThat(fb).isCompletedWithValue(null);
            assertThat(s.location().lookup(ALICE)).containsExactly(a);
            assertThat(s.location().lookup(BOB)).containsExactly(b);
            assertThat(journalBytes()).isGreaterThan(before);

            Binding a2 = live(ALICE, "sip:alice@192.0.2.44");
            CompletableFuture<Void> next = s.location().update(ALICE, List.of(a2), List.of(), turn::add);
            assertThat(turn).hasSize(1); // a new batch queues a new write
            turn.remove(0).run();
            assertThat(next).isCompletedWithValue(null);
            assertThat(s.location().lookup(ALICE)).containsExactlyInAnyOrder(a, a2);
        }
    }

    @Test
    void updatesFromSeveralLoopsAndExpiryAtOnceAllLand() throws Exception {
        int loops = 4;
        int each = 500;
        List<java.util.concurrent.ExecutorService> executors = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            executors.add(java.util.concurrent.Executors.newSingleThreadExecutor());
        }
        try (Stores s = open()) {
            List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
            for (int i = 0; i < loops * each; i++) {
                int n = i;
                java.util.concurrent.ExecutorService loop = executors.get(i % loops);
                String aor = "sip:u" + (n % 50) + "@example.com";
                // made on the loop's thread, as the registrar does, and written by a task queued behind it there
                submitted.add(CompletableFuture.supplyAsync(() -> s.location().update(aor,
                        List.of(live(aor, "sip:c" + n + "@192.0.2.1")), List.of(), loop), loop));
                if (n % 100 == 0) {
                    s.location().removeExpired(System.currentTimeMillis()); // the store's thread, meanwhile
                }
            }
            for (CompletableFuture<CompletableFuture<Void>> f : submitted) {
                f.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            }
            assertThat(s.location().bindingCount()).isEqualTo(loops * each);
        } finally {
            executors.forEach(java.util.concurrent.ExecutorService::shutdownNow);
        }
        try (Stores s = open()) {
            assertThat(s.location().bindingCount()).isEqualTo(loops * each);
            assertThat(s.location().lookup("sip:u7@example.com")).hasSize(loops * each / 50);
        }
    }

    @Test
    void aTurnThatRefusesTasksGetsItsUpdateWrittenAtOnce() throws Exception {
        try (Stores s = open()) {
            Binding a = live(ALICE, "sip:alice@192.0.2.4");
            CompletableFuture<Void> f = s.location().update(ALICE, List.of(a), List.of(), task -> {
                throw new java.util.concurrent.RejectedExecutionException("shutting down");
            });
            assertThat(f).isCompletedWithValue(null);
            assertThat(s.location().lookup(ALICE)).containsExactly(a);
        }
    }

    @Test
    void closeWritesABatchWhoseTurnNeverRanItsTask() throws Exception {
        List<Runnable> turn = new ArrayList<>();
        Binding a = live(ALICE, "sip:alice@192.0.2.4");
        CompletableFuture<Void> f;
        try (Stores s = open()) {
            f = s.location().update(ALICE, List.of(a), List.of(), turn::add);
            assertThat(f).isNotDone();
        }
        assertThat(f).isCompletedWithValue(null);
        CompletableFuture<Void> late = null;
        try (Stores s = open()) {
            assertThat(s.location().lookup(ALICE)).containsExactly(a);
            s.close();
            late = s.location().update(ALICE, List.of(a), List.of(), turn::add);
        }
        CompletableFuture<Void> refused = late;
        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        turn.forEach(Runnable::run); // the first store's stale task: nothing left to write
    }

    @Test
    void badUpdatesFailWithoutTouchingTheDatabase() throws Exception {
        try (Stores s = open()) {
            CompletableFuture<Void> wrongAor = s.location().update(ALICE, List.of(live(BOB, "sip:b@x")), List.of());
            assertThatThrownBy(() -> wrongAor.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
            String huge = "sip:" + "x".repeat(3_000) + "@example.com";
            CompletableFuture<Void> tooLong = s.location().update(ALICE, List.of(live(ALICE, huge)), List.of());
            assertThatThrownBy(() -> tooLong.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(s.location().bindingCount()).isZero();
        }
    }

    @Test
    void writesAfterCloseFail() throws Exception {
        Stores s = open();
        s.close();
        CompletableFuture<Void> f = s.location().update(ALICE, List.of(live(ALICE, "sip:a@x")), List.of());
        assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        CompletableFuture<Void> p = s.credentials().put(Credential.fromPassword("a", "r", "p".toCharArray()));
        assertThatThrownBy(() -> p.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        s.close(); // twice is fine
    }

    @Test
    void changesByAnotherOpenerArriveByPolling() throws Exception {
        // a second Stores on the same file plays `bin/callisto user`: credentials go both ways through the change
        // counter; bindings are written only by the first opener (it holds the journal) and reach the second through
        // its checkpoints
        try (Stores server = open(); Stores other = open()) {
            Credential carol = Credential.fromPassword("carol", "example.com", "pw".toCharArray());
            await(other.credentials().put(carol));
            eventually(Duration.ofSeconds(10), "credential seen", () -> server.credentials().find("carol", "example.com").isPresent());
            await(other.credentials().remove("carol", "example.com"));
            eventually(Duration.ofSeconds(10), "removal seen", () -> server.credentials().find("carol", "example.com").isEmpty());

            Binding b = live(BOB, "sip:bob@192.0.2.77");
            CompletableFuture<Void> refused = other.location().update(BOB, List.of(b), List.of());
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("location journal");
            LinkedBlockingQueue<String> told = new LinkedBlockingQueue<>();
            other.location().addListener(told::add);
            await(server.location().update(BOB, List.of(b), List.of()));
            eventually(Duration.ofSeconds(20), "the other sees the binding after a checkpoint",
                    () -> other.location().lookup(BOB).equals(List.of(b)));
            assertThat(told.poll(5, TimeUnit.SECONDS)).isEqualTo(BOB);
            await(server.location().update(BOB, List.of(), List.of(b.key())));
            eventually(Duration.ofSeconds(20), "the other sees the removal", () -> other.location().lookup(BOB).isEmpty());
        }
    }

    @Test
    void theDatabasePasswordIsKeptBesideTheFileForItsOwnerOnly() throws Exception {
        try (Stores s = open()) {
            await(s.credentials().put(Credential.fromPassword("alice", "example.com", "pw".toCharArray())));
        }
        Path secret = dir.resolve("callisto.secret");
        assertThat(secret).exists();
        assertThat(Files.readString(secret).trim()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
    }
}
