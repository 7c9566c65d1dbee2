package io.callisto.bench.engine.internal;

import io.callisto.bench.engine.BenchConfig;
import io.callisto.bench.engine.Metrics;
import io.callisto.bench.engine.NanoClock;
import io.callisto.bench.engine.Wire;
import io.callisto.bench.scenario.Scenario;
import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.sip.message.SipParser;
import io.callisto.transport.ListeningPoint;
import java.util.HashMap;
import java.util.Map;

/**
 * What every call of a run shares: the configuration, the wire, the metrics, the clock, and one table of calls
 * per owner (only that owner's thread touches its table, so the tables are plain maps).
 *
 * @param config  the run's configuration
 * @param wire    where messages go
 * @param metrics where counts and latencies go
 * @param clock   nanosecond time for latencies
 * @param pid     the value of {@code [pid]}
 * @param tables  one call table per owner of {@code wire.owners()}
 * @param parser  the parser for inbound and rendered messages
 * @param errors  where problems worth telling the user once are printed (a message that does not parse)
 * @param told    whether a bad rendered message was already reported
 * @param usesPeerTag whether any message uses {@code [peer_tag_param]} (else tags are not parsed)
 * @param usesRoutes  whether any message uses {@code [routes]} (else Record-Route is not read)
 * @param usesNextUrl whether any message uses {@code [next_url]} (else Contact is not read)
 * @param media   the run's RTP sessions ({@code --rtp}), or null
 */
public record CallHost(BenchConfig config, Wire wire, Metrics metrics, NanoClock clock, long pid,
        CallTable[] tables, SipParser parser, java.io.PrintStream errors,
        java.util.concurrent.atomic.AtomicBoolean told, boolean usesPeerTag, boolean usesRoutes,
        boolean usesNextUrl, MediaLegs media) {

    /** A host with empty call tables. */
    public static CallHost create(BenchConfig config, Wire wire, Metrics metrics, NanoClock clock, long pid,
            java.io.PrintStream errors, MediaLegs media) {
        CallTable[] tables = new CallTable[wire.owners().size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new CallTable();
        }
        boolean tag = false;
        boolean routes = false;
        boolean next = false;
        for (var step : config.scenario().steps()) {
            if (step instanceof io.callisto.bench.scenario.Step.Send send) {
                tag |= send.template().uses(io.callisto.bench.scenario.Keyword.Kind.PEER_TAG_PARAM);
                routes |= send.template().uses(io.callisto.bench.scenario.Keyword.Kind.ROUTES);
                next |= send.template().uses(io.callisto.bench.scenario.Keyword.Kind.NEXT_URL);
            }
        }
        return new CallHost(config, wire, metrics, clock, pid, tables, SipParser.DEFAULT, errors,
                new java.util.concurrent.atomic.AtomicBoolean(), tag, routes, next, media);
    }

    /** Tells the user, once per run, that a rendered message of step {@code index} does not parse. */
    public void reportBadMessage(int index, RuntimeException e, byte[] bytes) {
        if (told.compareAndSet(false, true)) {
            errors.println("error: the message of step " + (index + 1) + " is not valid SIP (" + e.getMessage()
                    + "); calls fail with reason bad-message. The message was:\n"
                    + new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The scenario. */
    public Scenario scenario() {
        return config.scenario();
    }

    /** The owner index of a Call-ID. */
    public int ownerIndex(String callId) {
        return Owners.indexOf(callId, tables.length);
    }

    /** The owner of a Call-ID. */
    public Owner owner(String callId) {
        return wire.owners().get(ownerIndex(callId));
    }

    /** The local point call number {@code n} uses (calls are spread round robin over the local ports). */
    public ListeningPoint localPoint(long n) {
        var points = wire.localPoints();
        return points.get((int) Math.floorMod(n, (long) points.size()));
    }

    /** The calls of one owner, by Call-ID; used on that owner's thread only. */
    public static final class CallTable {
        private final Map<String, CallInstance> calls = new HashMap<>();

        /** The call with this Call-ID, or null. */
        public CallInstance get(String callId) {
            return calls.get(callId);
        }

        /** Adds a call. */
        public void put(String callId, CallInstance call) {
            calls.put(callId, call);
        }

        /** Removes the call if it is still {@code call}. */
        public void remove(String callId, CallInstance call) {
            calls.remove(callId, call);
        }

        /** Calls in the table (live and lingering). */
        public int size() {
            return calls.size();
        }

        /** Every call in the table (a copy). */
        public java.util.List<CallInstance> all() {
            return new java.util.ArrayList<>(calls.values());
        }
    }
}
