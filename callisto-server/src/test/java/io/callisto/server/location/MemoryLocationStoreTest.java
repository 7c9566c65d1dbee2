package io.callisto.server.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory location store's updates: refreshes in place, additions, removals, expiry hidden from lookups. */
class MemoryLocationStoreTest {

    private static final String AOR = "sip:alice@example.com";

    private static Binding binding(String contact, long expiresAt, long cseq) {
        return new Binding(AOR, contact, -1, expiresAt, "c@h", cseq, null, 0, List.of(), null, null, "n1", null, 0);
    }

    private final MemoryLocationStore store = new MemoryLocationStore(() -> 1_000L);

    @Test
    void aRefreshReplacesTheBindingOfItsKeyAndKeepsTheOrder() {
        store.apply(AOR, List.of(binding("sip:a@h1", 10_000, 1), binding("sip:a@h2", 10_000, 1)), List.of());

        store.apply(AOR, List.of(binding("sip:a@h1", 20_000, 2)), List.of());

        assertThat(store.lookup(AOR)).extracting(Binding::contact, Binding::cseq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sip:a@h1", 2L),
                        org.assertj.core.groups.Tuple.tuple("sip:a@h2", 1L));
    }

    @Test
    void aNewKeyIsAddedAtTheEndAndARemovalTakesOne() {
        store.apply(AOR, List.of(binding("sip:a@h1", 10_000, 1)), List.of());
        store.apply(AOR, List.of(binding("sip:a@h2", 10_000, 1)), List.of());
        assertThat(store.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@h1", "sip:a@h2");

        store.apply(AOR, List.of(binding("sip:a@h2", 30_000, 2)), List.of("sip:a@h1"));
        assertThat(store.lookup(AOR)).extracting(Binding::contact, Binding::expiresAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sip:a@h2", 30_000L));

        store.apply(AOR, List.of(), List.of("sip:a@h2"));
        assertThat(store.lookup(AOR)).isEmpty();
        assertThat(store.aors()).isEmpty();
        assertThat(store.bindingCount()).isZero();
    }

    @Test
    void expiredBindingsAreHiddenFromLookups() {
        store.apply(AOR, List.of(binding("sip:a@h1", 500, 1), binding("sip:a@h2", 10_000, 1)), List.of());

        assertThat(store.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@h2");
        assertThat(store.bindingCount()).isEqualTo(2); // until the sweep removes it
    }
}
