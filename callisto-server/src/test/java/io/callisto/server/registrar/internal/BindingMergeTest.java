package io.callisto.server.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import io.callisto.sip.uri.Uri;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 steps 6 and 7 as a pure function: what a REGISTER changes against the stored bindings. */
class BindingMergeTest {

    private static final String AOR = "sip:alice@example.com";

    /** A REGISTER of {@code contact} for 3600 s, written with fresh strings as the parser would make them. */
    private static RegisterRequest register(String contact, String callId, long cseq, String userAgent) {
        ContactSpec c = new ContactSpec(new String(contact), Uri.parse(contact), -1, 3600, null, 0);
        return new RegisterRequest(new String(AOR), callId, cseq, false, List.of(c), List.of(),
                new String("udp:192.0.2.4:5060"), null, userAgent == null ? null : new String(userAgent), false);
    }

    /** The binding a first REGISTER of {@code contact} stores at time 1,000 on node n1. */
    private static Binding stored(String contact, String callId, long cseq, String userAgent) {
        return BindingMerge.merge(register(contact, callId, cseq, userAgent), List.of(), 1_000, "n1", 10).upserts()
                .get(0);
    }

    @Test
    void aRefreshKeepsTheStoredStringsAndTakesTheNewValues() {
        Binding first = stored("sip:alice@192.0.2.4", "a@h", 1, "phone/1");

        BindingMerge.Result r = BindingMerge.merge(register("sip:alice@192.0.2.4", "b@h", 7, "phone/1"),
                List.of(first), 61_000, new String("n1"), 10);

        assertThat(r.rejection()).isNull();
        assertThat(r.removals()).isEmpty();
        Binding next = r.upserts().get(0);
        assertThat(next.callId()).isEqualTo("b@h");
        assertThat(next.cseq()).isEqualTo(7);
        assertThat(next.expiresAt()).isEqualTo(61_000 + 3_600_000);
        assertThat(next.updatedAt()).isEqualTo(61_000);
        // equal values are the stored objects: a refresh leaves one new record to keep, not new strings
        assertThat(next.aor()).isSameAs(first.aor());
        assertThat(next.contact()).isSameAs(first.contact());
        assertThat(next.source()).isSameAs(first.source());
        assertThat(next.userAgent()).isSameAs(first.userAgent());
        assertThat(next.node()).isSameAs(first.node());
        assertThat(r.result()).containsExactly(next);
    }

    @Test
    void aRefreshWithOtherValuesTakesThem() {
        Binding first = stored("sip:alice@192.0.2.4", "a@h", 1, "phone/1");

        Binding next = BindingMerge.merge(register("sip:alice@192.0.2.4", "a@h", 2, "phone/2"), List.of(first),
                2_000, "n2", 10).upserts().get(0);

        assertThat(next.userAgent()).isEqualTo("phone/2");
        assertThat(next.node()).isEqualTo("n2");
        assertThat(next.callId()).isSameAs(first.callId());
    }

    @Test
    void anOutOfOrderRefreshIsRefused() {
        Binding first = stored("sip:alice@192.0.2.4", "a@h", 5, null);

        BindingMerge.Result r = BindingMerge.merge(register("sip:alice@192.0.2.4", "a@h", 5, null), List.of(first),
                2_000, "n1", 10);

        assertThat(r.rejection().status()).isEqualTo(500);
        assertThat(r.upserts()).isEmpty();
    }

    @Test
    void anotherContactIsAddedBesideTheStoredOne() {
        Binding first = stored("sip:alice@192.0.2.4", "a@h", 1, null);

        BindingMerge.Result r = BindingMerge.merge(register("sip:alice@192.0.2.9", "c@h", 1, null), List.of(first),
                2_000, "n1", 10);

        assertThat(r.result()).extracting(Binding::contact).containsExactly("sip:alice@192.0.2.4",
                "sip:alice@192.0.2.9");
        assertThat(r.upserts().get(0).aor()).isSameAs(first.aor());
    }

    /** A REGISTER of {@code contact} with {@code expires} (0 removes it), Call-ID x@h. */
    private static RegisterRequest register(String contact, long cseq, int expires) {
        ContactSpec c = new ContactSpec(contact, Uri.parse(contact), -1, expires, null, 0);
        return new RegisterRequest(AOR, "x@h", cseq, false, List.of(c), List.of(), "udp:192.0.2.4:5060", null, null,
                false);
    }

    private static List<Binding> three() {
        return List.of(stored("sip:a@192.0.2.1", "1@h", 1, null), stored("sip:b@192.0.2.2", "2@h", 1, null),
                stored("sip:c@192.0.2.3", "3@h", 1, null));
    }

    @Test
    void aRefreshedBindingKeepsItsPlaceAmongTheOthers() {
        List<Binding> current = three();

        BindingMerge.Result r = BindingMerge.merge(register("sip:b@192.0.2.2", 2, 60), current, 5_000, "n1", 10);

        assertThat(r.removals()).isEmpty();
        assertThat(r.upserts()).extracting(Binding::expiresAt).containsExactly(5_000 + 60_000L);
        assertThat(r.result()).containsExactly(current.get(0), r.upserts().get(0), current.get(2));
    }

    @Test
    void anEquivalentUriWrittenDifferentlyReplacesTheStoredTextAtTheEnd() {
        List<Binding> current = List.of(stored("sip:alice@Host.Example.com", "1@h", 1, null),
                stored("sip:bob@192.0.2.2", "2@h", 1, null));

        BindingMerge.Result r = BindingMerge.merge(register("sip:alice@host.example.com", 2, 60), current, 5_000,
                "n1", 2);

        assertThat(r.rejection()).isNull();
        assertThat(r.removals()).containsExactly("sip:alice@Host.Example.com");
        assertThat(r.upserts()).extracting(Binding::contact).containsExactly("sip:alice@host.example.com");
        assertThat(r.result()).extracting(Binding::contact).containsExactly("sip:bob@192.0.2.2",
                "sip:alice@host.example.com");
    }

    @Test
    void removingOneContactLeavesTheOthersInOrder() {
        List<Binding> current = three();

        BindingMerge.Result r = BindingMerge.merge(register("sip:b@192.0.2.2", 2, 0), current, 5_000, "n1", 10);

        assertThat(r.upserts()).isEmpty();
        assertThat(r.removals()).containsExactly("sip:b@192.0.2.2");
        assertThat(r.result()).containsExactly(current.get(0), current.get(2));
    }

    @Test
    void removingAContactThatIsNotStoredChangesNothing() {
        List<Binding> current = three();

        BindingMerge.Result r = BindingMerge.merge(register("sip:d@192.0.2.4", 2, 0), current, 5_000, "n1", 10);

        assertThat(r.rejection()).isNull();
        assertThat(r.noChange()).isTrue();
        assertThat(r.result()).containsExactlyElementsOf(current);
    }

    @Test
    void aNewContactBeyondTheLimitIsRefusedButARefreshAtTheLimitIsNot() {
        List<Binding> current = three();

        BindingMerge.Result added = BindingMerge.merge(register("sip:d@192.0.2.4", 2, 60), current, 5_000, "n1", 3);
        BindingMerge.Result refreshed = BindingMerge.merge(register("sip:c@192.0.2.3", 2, 60), current, 5_000, "n1",
                3);

        assertThat(added.rejection().status()).isEqualTo(403);
        assertThat(added.noChange()).isTrue();
        assertThat(refreshed.rejection()).isNull();
        assertThat(refreshed.result()).hasSize(3);
    }
}
