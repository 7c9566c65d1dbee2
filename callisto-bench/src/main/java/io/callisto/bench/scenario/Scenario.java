package io.callisto.bench.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded scenario: its name and its steps, run in order for every call, with its labels resolved.
 *
 * @param name  the scenario's name ({@code name} attribute of {@code <scenario>}, or the built-in's name)
 * @param steps the steps in order
 */
public record Scenario(String name, List<Step> steps) {

    public Scenario {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new ScenarioException("the scenario has no steps");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Label l && seen.put(l.id(), i) != null) {
                throw new ScenarioException("label '" + l.id() + "' is defined twice");
            }
        }
        for (Step s : steps) {
            String next = s.common().next();
            if (next != null && !seen.containsKey(next)) {
                throw new ScenarioException("next=\"" + next + "\" names no <label id=\"" + next + "\"/>");
            }
        }
    }

    /** The index of the label {@code id}. */
    public int labelIndex(String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Label l && l.id().equals(id)) {
                return i;
            }
        }
        throw new ScenarioException("no label " + id);
    }

    /**
     * True when the scenario starts by waiting for a request (a UAS scenario such as SIPp's {@code uas}): calls
     * are then created by inbound requests rather than by the load controller.
     */
    public boolean isServer() {
        for (Step s : steps) {
            if (s instanceof Step.Recv r) {
                return r.request() != null;
            }
            if (s instanceof Step.Send) {
                return false;
            }
        }
        return false;
    }

    /** The highest {@code [fieldN]} index any message uses, or -1. */
    public int maxField() {
        int max = -1;
        for (Step s : steps) {
            if (s instanceof Step.Send send) {
                max = Math.max(max, send.template().maxField());
            }
        }
        return max;
    }
}
