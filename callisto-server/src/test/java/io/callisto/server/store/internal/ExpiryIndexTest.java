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

    @Test
    void refreshesThatMoveTheExpiryLaterQueueNothingNew() {
        ExpiryIndex x = new ExpiryIndex();
        for (int t = 1; t <= 10_000; t++) {
            x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 1_000 + t)), List.of());
        }
        assertThat(x.queued()).isEqualTo(1);
        assertThat(x.takeDue(1_500)).as("refreshed: queued again at its new expiry").isEmpty();
        assertThat(x.queued()).isEqualTo(1);
        assertThat(x.takeDue(11_000)).containsExactly(row("sip:a@x", "sip:1"));
    }

    @Test
    void aRefreshThatMovesTheExpiryEarlierIsHonoured() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 5_000)), List.of());
        x.apply("sip:a@x", List.of(b("sip:a@x", "sip:1", 100)), List.of());
        assertThat(x.takeDue(100)).containsExactly(row("sip:a@x", "sip:1"));
        x.forget(List.of(row("sip:a@x", "sip:1")), 100);
        assertThat(x.takeDue(5_000)).as("the old entry is stale").isEmpty();
    }

    @Test
    void staleEntriesOfRemovedBindingsAreCompactedAway() {
        ExpiryIndex x = new ExpiryIndex();
        x.apply("sip:keep@x", List.of(b("sip:keep@x", "sip:k", 1_000_000)), List.of());
        for (int i = 0; i < 100_000; i++) {
            String c = "sip:" + i;
            x.apply("sip:a@x", List.of(b("sip:a@x", c, 1_000_000 + i)), List.of());
            x.apply("sip:a@x", List.of(), List.of(c));
        }
        assertThat(x.live()).isEqualTo(1);
        assertThat(x.queued()).isLessThanOrEqualTo(2 + 1024 + 1);
        assertThat(x.takeDue(2_000_000)).containsExactly(row("sip:keep@x", "sip:k"));
    }
}
