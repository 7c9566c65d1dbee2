package io.callisto.server.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expiry queue that lets expired bindings be deleted by key. */
class ExpiryIndexTest {

    private static Binding b(String aor, String contact, long expiresAt) {
        return new Binding(aor, contact, -1, expiresAt, "c", 1, null, 0, List.of(), null, null, "n", null, 0);
    }

    private static ExpiryIndex.Row row(String aor, String key) {
        return new ExpiryIndex.Row(aor, key);
    }

    @Test
    void dueRowsComeInOrderAndOnlyOnce() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 100), b("sip:a@x", "sip:2", 300)), List.of());
        x.apply("sip:b@x", List.of(b("sip:b@x", "sip:3", 200)), List.of());
        assertThat(x.takeDue(99)).isEmpty();
        assertThat(x.takeDue(250)).containsExactly(row("sip:a@x", "sip:1"), row("sip:b@x", "sip:3"));
        assertThat(x.takeDue(250)).isEmpty();
    }

    @Test
    void aRefreshOrRemovalMakesTheOldEntryStale() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 100), b("sip:a@x", "sip:2", 100)), List.of());
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 500)), List.of("sip:2"));
        assertThat(x.takeDue(200)).isEmpty();
        assertThat(x.takeDue(500)).containsExactly(row("sip:a@x", "sip:1"));
    }

    @Test
    void replaceKeepsOnlyTheReloadedBindings() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 100), b("sip:a@x", "sip:2", 100)), List.of());
        x.replace("sip:a@x", List.of(b("sip:a@x", "sip:2", 100)));
        assertThat(x.takeDue(100)).containsExactly(row("sip:a@x", "sip:2"));
    }

    @Test
    void aFailedDeletionIsRetriedAndARefreshedRowIsNotForgotten() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 100), b("sip:a@x", "sip:2", 100)), List.of());
        List<ExpiryIndex.Row> due = x.takeDue(100);
        x.putBack(due);
        due = x.takeDue(100);
        assertThat(due).hasSize(2);
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:2", 900)), List.of()); // refreshed while being deleted
        assertThat(x.forget(due, 100)).containsExactly(row("sip:a@x", "sip:1"));
        assertThat(x.takeDue(1_000)).containsExactly(row("sip:a@x", "sip:2"));
    }
}
