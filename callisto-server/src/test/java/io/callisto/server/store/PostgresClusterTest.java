package io.callisto.server.store;

import static io.callisto.server.store.TestBindings.eventually;
import static io.callisto.server.store.TestBindings.live;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.auth.Credential;
import io.callisto.server.location.Binding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database (a real server started by {@link PostgresServer}): what one writes the other
 * reads, through LISTEN/NOTIFY; a restarted node loads everything; a lost notification connection comes back and
 * catches up.
 */
class PostgresClusterTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static PostgresServer pg;

    private String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        url = pg.createDatabase("callisto_" + DATABASES.incrementAndGet());
    }

    private Stores node(String id) throws Exception {
        return Stores.open(StoreConfig.postgres(url, pg.user(), null).withNodeId(id));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBindingWrittenThroughOneNodeIsSeenByTheOther() throws Exception {
        String aor = "sip:alice@example.com";
        try (Stores a = node("a"); Stores b = node("b")) {
            LinkedBlockingQueue<String> toldB = new LinkedBlockingQueue<>();
            b.location().addListener(toldB::add);
            Binding x = live(aor, "sip:alice@192.0.2.4");
            await(a.location().update(aor, List.of(x), List.of()));
            eventually(WAIT, "node b sees the binding", () -> b.location().lookup(aor).equals(List.of(x)));
            assertThat(toldB.poll(5, TimeUnit.SECONDS)).isEqualTo(aor);

            Binding y = live(aor, "sip:alice@192.0.2.5");
            await(b.location().update(aor, List.of(y), List.of(x.key())));
            eventually(WAIT, "node a sees b's change", () -> a.location().lookup(aor).equals(List.of(y)));
            assertThat(b.location().lookup(aor)).containsExactly(y);
            // a node is not told twice of its own change through its notification connection
            assertThat(toldB.poll(2, TimeUnit.SECONDS)).isEqualTo(aor);
            assertThat(toldB.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void credentialsWrittenThroughOneNodeAreSeenByTheOther() throws Exception {
        Credential alice = Credential.fromPassword("alice", "example.com", "pw".toCharArray());
        try (Stores a = node("a"); Stores b = node("b")) {
            await(a.credentials().put(alice));
            eventually(WAIT, "node b has alice", () -> b.credentials().find("alice", "example.com").equals(java.util.Optional.of(alice)));
            Credential changed = Credential.fromPassword("alice", "example.com", "new".toCharArray());
            await(a.credentials().put(changed));
            eventually(WAIT, "node b has the new password", () -> b.credentials().find("alice", "example.com").equals(java.util.Optional.of(changed)));
            assertThat(await(b.credentials().remove("alice", "example.com"))).isTrue();
            eventually(WAIT, "node a lost alice", () -> a.credentials().find("alice", "example.com").isEmpty());
        }
    }

    @Test
    void aRestartedNodeLoadsEverything() throws Exception {
        try (Stores a = node("a")) {
            Stores b = node("b");
            b.close();
            for (int i = 0; i < 50; i++) {
                String aor = "sip:u" + i + "@example.com";
                await(a.location().update(aor, List.of(live(aor, "sip:c" + i + "@192.0.2.1")), List.of()));
            }
            await(a.credentials().put(Credential.fromPassword("bob", "example.com", "pw".toCharArray())));
            try (Stores b2 = node("b")) {
                assertThat(b2.location().bindingCount()).isEqualTo(50);
                assertThat(b2.location().lookup("sip:u7@example.com")).hasSize(1);
                assertThat(b2.credentials().find("bob", "example.com")).isPresent();
            }
        }
    }

    @Test
    void aNodeCatchesUpAfterItsNotificationConnectionIsCut() throws Exception {
        String aor = "sip:carol@example.com";
        try (Stores a = node("a"); Stores b = node("b")) {
            pg.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'callisto-listen-b'");
            Binding x = live(aor, "sip:carol@192.0.2.4");
            await(a.location().update(aor, List.of(x), List.of()));
            await(a.credentials().put(Credential.fromPassword("carol", "example.com", "pw".toCharArray())));
            eventually(Duration.ofSeconds(20), "node b sees the binding after reconnecting",
                    () -> b.location().lookup(aor).equals(List.of(x)));
            eventually(Duration.ofSeconds(20), "node b sees the credential after reconnecting",
                    () -> b.credentials().find("carol", "example.com").isPresent());
        }
    }

    @Test
    void bothNodesSurviveADatabaseRestart() throws Exception {
        String aor = "sip:dave@example.com";
        try (Stores a = node("a"); Stores b = node("b")) {
            pg.restart();
            Binding x = live(aor, "sip:dave@192.0.2.4");
            // the pool finds its old connections dead; a write may fail once while it notices
            boolean written = false;
            for (int attempt = 0; attempt < 5 && !written; attempt++) {
                try {
                    await(a.location().update(aor, List.of(x), List.of()));
                    written = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(a.location().lookup(aor)).isEmpty(); // a failed write left memory alone
                }
            }
            assertThat(written).as("a write after the restart").isTrue();
            eventually(Duration.ofSeconds(30), "node b sees the binding after the restart",
                    () -> b.location().lookup(aor).equals(List.of(x)));
        }
    }

    @Test
    void expiredBindingsGoFromTheDatabaseAndEveryNodesMemory() throws Exception {
        String aor = "sip:erin@example.com";
        long now = System.currentTimeMillis();
        try (Stores a = node("a"); Stores b = node("b")) {
            Binding soon = TestBindings.binding(aor, "sip:erin@192.0.2.4", now + 500_000);
            await(a.location().update(aor, List.of(soon), List.of()));
            eventually(WAIT, "b has it", () -> b.location().lookup(aor).size() == 1);
            assertThat(await(a.location().removeExpired(now + 600_000))).isEqualTo(1);
            assertThat(await(b.location().removeExpired(now + 600_000))).isEqualTo(1);
            assertThat(a.location().bindingCount()).isZero();
            assertThat(b.location().bindingCount()).isZero();
        }
        try (Stores c = node("c")) {
            assertThat(c.location().bindingCount()).isZero();
        }
    }
}
