package io.callisto.transport.dns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The order in which SRV targets are tried (RFC 2782, "Usage rules"): lowest priority first; within one priority,
 * a weighted random order: records of weight 0 first in the list, then repeatedly pick a running-sum value
 * uniformly in [0, total weight] and take the first record whose running sum reaches it. The random source is
 * injected so tests can fix the choice.
 */
public final class SrvOrder {

    private SrvOrder() {
    }

    /**
     * Orders {@code records}; {@code random.applyAsInt(bound)} returns a value in [0, bound). A single "." target
     * (RFC 2782: service decidedly not available) yields an empty list.
     */
    public static List<DnsLookup.Srv> order(List<DnsLookup.Srv> records, IntUnaryOperator random) {
        if (records.size() == 1 && records.get(0).target().isEmpty()) {
            return List.of();
        }
        List<DnsLookup.Srv> sorted = new ArrayList<>(records);
        sorted.removeIf(r -> r.target().isEmpty());
        sorted.sort(Comparator.comparingInt(DnsLookup.Srv::priority));
        List<DnsLookup.Srv> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            weighted(new ArrayList<>(sorted.subList(i, j)), random, out);
            i = j;
        }
        return out;
    }

    private static void weighted(List<DnsLookup.Srv> group, IntUnaryOperator random, List<DnsLookup.Srv> out) {
        // "arrange all SRV RRs (that have not been ordered yet) in any order, except that all those with weight 0
        // are placed at the beginning of the list"
        group.sort(Comparator.comparingInt(r -> r.weight() == 0 ? 0 : 1));
        while (!group.isEmpty()) {
            long total = 0;
            for (DnsLookup.Srv r : group) {
                total += r.weight();
            }
            long pick = random.applyAsInt((int) Math.min(Integer.MAX_VALUE, total + 1)); // in [0, total]
            long sum = 0;
            int chosen = group.size() - 1;
            for (int k = 0; k < group.size(); k++) {
                sum += group.get(k).weight();
                if (sum >= pick) {
                    chosen = k;
                    break;
                }
            }
            out.add(group.remove(chosen));
        }
    }
}
