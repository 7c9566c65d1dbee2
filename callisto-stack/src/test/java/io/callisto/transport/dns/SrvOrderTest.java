package io.callisto.transport.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.dns.internal.DnsLookup.Srv;
import io.callisto.transport.dns.internal.SrvOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrvOrderTest {

    private static List<String> targets(List<Srv> ordered) {
        return ordered.stream().map(Srv::target).toList();
    }

    @Test
    void lowerPriorityFirstWhateverTheWeights() {
        List<Srv> in = List.of(new Srv(20, 100, 5060, "b"), new Srv(10, 0, 5060, "a"), new Srv(30, 5, 5060, "c"));
        assertThat(targets(SrvOrder.order(in, bound -> bound - 1))).containsExactly("a", "b", "c");
    }

    @Test
    void weightedChoiceFollowsTheRunningSum() {
        List<Srv> in = List.of(new Srv(10, 10, 1, "b"), new Srv(10, 30, 1, "c"), new Srv(10, 0, 1, "a"));
        // weight 0 first; pick 0 takes "a" (running sum 0 >= 0), then 15 takes "c" (10 < 15 <= 40), then "b"
        int[] picks = {0, 15, 0};
        List<Integer> bounds = new ArrayList<>();
        int[] i = {0};
        List<Srv> out = SrvOrder.order(in, bound -> {
            bounds.add(bound);
            return picks[i[0]++];
        });
        assertThat(targets(out)).containsExactly("a", "c", "b");
        assertThat(bounds).containsExactly(41, 41, 11); // [0, total weight] each round
    }

    @Test
    void highestPickTakesTheLastRecordOfTheRound() {
        List<Srv> in = List.of(new Srv(10, 0, 1, "a"), new Srv(10, 10, 1, "b"), new Srv(10, 30, 1, "c"));
        assertThat(targets(SrvOrder.order(in, bound -> bound - 1))).containsExactly("c", "b", "a");
    }

    @Test
    void aLoneDotTargetMeansNoService() {
        assertThat(SrvOrder.order(List.of(new Srv(0, 0, 0, "")), b -> 0)).isEmpty();
    }
}
