package io.callisto.server.registrar.internal;

import io.callisto.server.location.Binding;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 3261 §10.3 steps 6 and 7 against the stored bindings: what a REGISTER changes, or why it fails. A pure
 * function of the request, the current bindings and the time, run on the AoR's owner so that two REGISTERs for
 * one AoR never interleave their read and write. Either every change is made or none (§10.3: "processed
 * atomically").
 */
public final class BindingMerge {

    /**
     * The outcome of a merge.
     *
     * @param rejection non-null when the request fails (nothing is to be written)
     * @param upserts   the bindings to add or replace
     * @param removals  the keys of the bindings to remove
     * @param result    every binding of the AoR once the change is made (for the 200, §10.3 step 8)
     */
    public record Result(Rejection rejection, List<Binding> upserts, List<String> removals, List<Binding> result) {

        /** True when the store has nothing to write. */
        public boolean noChange() {
            return upserts.isEmpty() && removals.isEmpty();
        }

        static Result rejected(Rejection r) {
            return new Result(r, List.of(), List.of(), List.of());
        }
    }

    private BindingMerge() {
    }

    /**
     * Merges {@code req} into {@code current} (the AoR's unexpired bindings) at wall-clock {@code nowMillis}.
     *
     * @param node        this node's id, written into new bindings
     * @param maxBindings the most bindings the AoR may hold after the change
     */
    public static Result merge(RegisterRequest req, List<Binding> current, long nowMillis, String node,
            int maxBindings) {
        if (req.isQuery()) {
            return new Result(null, List.of(), List.of(), current); // §10.2.3: a query changes nothing
        }
        if (req.wildcard()) {
            return removeAll(req, current);
        }
        if (req.contacts().size() == 1) {
            return mergeOne(req, req.contacts().get(0), current, nowMillis, node, maxBindings);
        }
        Map<String, Binding> working = new LinkedHashMap<>();
        for (Binding b : current) {
            working.put(b.key(), b);
        }
        Map<String, Binding> upserts = new LinkedHashMap<>();
        Set<String> removals = new HashSet<>();
        for (ContactSpec c : req.contacts()) {
            Binding match = find(current, c);
            if (match != null && !upserts.containsKey(match.key()) && outOfOrder(req, match)) {
                return Result.rejected(stale(match));
            }
            if (c.expires() == 0) {
                if (match != null) {
                    working.remove(match.key());
                    upserts.remove(match.key());
                    removals.add(match.key());
                }
                continue;
            }
            Binding next = refreshed(match, current.isEmpty() ? null : current.get(0), req, c, nowMillis, node);
            if (match != null && !match.key().equals(next.key())) {
                working.remove(match.key()); // an equivalent URI written differently: the new text replaces it
                removals.add(match.key());
            }
            working.put(next.key(), next);
            upserts.put(next.key(), next);
        }
        removals.removeAll(upserts.keySet());
        if (working.size() > maxBindings && working.size() > current.size()) {
            return Result.rejected(Rejection.of(403, "Forbidden (too many contacts for this address-of-record)"));
        }
        return new Result(null, List.copyOf(upserts.values()), List.copyOf(removals),
                List.copyOf(working.values()));
    }

    /**
     * {@link #merge} for a REGISTER with one contact, nearly every REGISTER: the same result, without the maps the
     * general case keeps to combine several contacts.
     */
    private static Result mergeOne(RegisterRequest req, ContactSpec c, List<Binding> current, long nowMillis,
            String node, int maxBindings) {
        Binding match = find(current, c);
        if (match != null && outOfOrder(req, match)) {
            return Result.rejected(stale(match));
        }
        if (c.expires() == 0) {
            if (match == null) {
                return new Result(null, List.of(), List.of(), current);
            }
            List<Binding> left = new ArrayList<>(current.size() - 1);
            for (Binding b : current) {
                if (b != match) {
                    left.add(b);
                }
            }
            return new Result(null, List.of(), List.of(match.key()), List.copyOf(left));
        }
        Binding next = refreshed(match, current.isEmpty() ? null : current.get(0), req, c, nowMillis, node);
        if (match == null) {
            if (current.size() + 1 > maxBindings) {
                return Result.rejected(Rejection.of(403, "Forbidden (too many contacts for this address-of-record)"));
            }
            List<Binding> all = new ArrayList<>(current.size() + 1);
            all.addAll(current);
            all.add(next);
            return new Result(null, List.of(next), List.of(), List.copyOf(all));
        }
        String oldKey = match.key();
        boolean sameKey = oldKey.equals(next.key());
        Binding[] all = new Binding[current.size()];
        int n = 0;
        for (Binding b : current) {
            if (b != match) {
                all[n++] = b;
            } else if (sameKey) {
                all[n++] = next; // the refreshed binding keeps its place
            }
        }
        if (!sameKey) {
            all[n++] = next; // an equivalent URI written differently: the new text replaces the old, at the end
        }
        return new Result(null, List.of(next), sameKey ? List.of() : List.of(oldKey), List.of(all));
    }

    /**
     * The binding {@code c} writes. Its values equal to those of {@code match} (the binding it refreshes) are
     * taken from {@code match}, the same objects: a refresh keeps one new record alive, not a new copy of every
     * string, which at thousands of refreshes a second is most of what each young collection would have to copy.
     */
    private static Binding refreshed(Binding match, Binding any, RegisterRequest req, ContactSpec c, long nowMillis,
            String node) {
        Binding old = match != null ? match : any;
        String aor = old != null && old.aor().equals(req.aor()) ? old.aor() : req.aor();
        if (match == null) {
            return new Binding(aor, c.uriText(), c.q(), nowMillis + c.expires() * 1000L, req.callId(), req.cseq(),
                    c.instanceId(), c.regId(), req.path(), req.source(), req.flow(), node, req.userAgent(),
                    nowMillis);
        }
        return new Binding(aor, same(match.contact(), c.uriText()), c.q(), nowMillis + c.expires() * 1000L,
                same(match.callId(), req.callId()), req.cseq(), same(match.instanceId(), c.instanceId()), c.regId(),
                match.path().equals(req.path()) ? match.path() : req.path(), same(match.source(), req.source()),
                same(match.flow(), req.flow()), same(match.node(), node), same(match.userAgent(), req.userAgent()),
                nowMillis);
    }

    /** {@code old} when it equals {@code fresh}, else {@code fresh}. */
    private static String same(String old, String fresh) {
        return old != null && old.equals(fresh) ? old : fresh;
    }

    /** §10.3 step 6: {@code Contact: *} removes every binding, each subject to the Call-ID/CSeq rule. */
    private static Result removeAll(RegisterRequest req, List<Binding> current) {
        List<String> removals = new ArrayList<>(current.size());
        for (Binding b : current) {
            if (outOfOrder(req, b)) {
                return Result.rejected(stale(b));
            }
            removals.add(b.key());
        }
        return new Result(null, List.of(), removals, List.of());
    }

    /** Same Call-ID and a CSeq not higher than the binding's: an old or replayed request (§10.3 steps 6, 7). */
    private static boolean outOfOrder(RegisterRequest req, Binding b) {
        return b.callId().equals(req.callId()) && req.cseq() <= b.cseq();
    }

    /**
     * §10.3 step 7: "the update MUST be aborted and the request fails"; the failure status the section gives for
     * an update that cannot be committed is 500.
     */
    private static Rejection stale(Binding b) {
        return Rejection.of(500, "Server Internal Error (out-of-order REGISTER: CSeq not above " + b.cseq() + ")");
    }

    /**
     * The stored binding {@code c} refers to: the same instance and reg-id for an outbound contact (RFC 5626 §6),
     * else a non-outbound binding with an equivalent URI (§10.3 step 7, §19.1.4); a removal (expires 0) without
     * reg-id also finds an outbound binding by its URI.
     */
    static Binding find(List<Binding> current, ContactSpec c) {
        if (c.outbound()) {
            for (Binding b : current) {
                if (b.regId() == c.regId() && c.instanceId().equals(b.instanceId())) {
                    return b;
                }
            }
            return null;
        }
        Binding outboundMatch = null;
        for (Binding b : current) {
            if (sameUri(b.contact(), c)) {
                if (!isOutbound(b)) {
                    return b;
                }
                if (outboundMatch == null) {
                    outboundMatch = b;
                }
            }
        }
        return c.expires() == 0 ? outboundMatch : null;
    }

    private static boolean isOutbound(Binding b) {
        return b.instanceId() != null && b.regId() > 0;
    }

    private static boolean sameUri(String stored, ContactSpec c) {
        if (stored.equals(c.uriText())) {
            return true;
        }
        try {
            return Uri.parse(stored).equivalent(c.uri());
        } catch (ParseError e) {
            return false;
        }
    }
}
