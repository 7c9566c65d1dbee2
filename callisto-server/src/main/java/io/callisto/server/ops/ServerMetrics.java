package io.callisto.server.ops;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import io.callisto.transport.MessageObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's metrics (DESIGN principle 9), in a Micrometer registry scraped at {@code /metrics} in the
 * Prometheus text format: SIP messages in and out by method and status code (a {@link MessageObserver} on the
 * transport, so retransmissions count too), plus gauges read on scrape (transactions, registered contacts,
 * address-of-records, calls in progress). Rates are Prometheus's {@code rate()} over the counters; {@code
 * /api/stats} also gives them per second since its previous call.
 *
 * <p>Counters are created once per (direction, method, code) and cached by method and status code, so counting
 * costs a map read, an array read and an adder increment per message.
 */
public final class ServerMetrics implements MessageObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter[]> requestsIn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter[]> requestsOut = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter[]> responsesIn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter[]> responsesOut = new ConcurrentHashMap<>();

    /** The registry (for /metrics and for other meters). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds a gauge {@code name} read from {@code value} on every scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    @Override
    public void received(SipMessage message, Flow flow) {
        count("in", message);
    }

    @Override
    public void sent(SipMessage message) {
        count("out", message);
    }

    private void count(String direction, SipMessage m) {
        boolean in = direction.equals("in");
        if (m instanceof SipRequest r) {
            counter(in ? requestsIn : requestsOut, direction, r.method(), 0).increment();
        } else if (m instanceof SipResponse s) {
            String method = s.cseq() != null ? s.cseq().method() : "?";
            counter(in ? responsesIn : responsesOut, direction, method, s.status()).increment();
        }
    }

    /**
     * The counter of one (direction, method[, code]): a map read by method, then an array slot by status code, so
     * counting allocates nothing once the counter exists. A peer inventing methods must not grow the registry
     * without bound: beyond 200 methods per family they all count as "other".
     */
    private Counter counter(ConcurrentHashMap<String, Counter[]> family, String direction, String method,
            int status) {
        Counter[] byCode = family.get(method);
        if (byCode == null) {
            String m = family.size() >= 200 ? "other" : method;
            byCode = family.computeIfAbsent(m, k -> new Counter[status == 0 ? 1 : 600]);
        }
        int slot = status == 0 ? 0 : Math.max(0, Math.min(599, status - 100));
        Counter c = byCode[slot];
        if (c == null) {
            String fm = family.containsKey(method) ? method : "other";
            Counter.Builder b = Counter.builder(status == 0 ? "sip_requests" : "sip_responses")
                    .tag("direction", direction).tag("method", fm);
            if (status != 0) {
                b.tag("code", Integer.toString(status));
            }
            c = b.description(status == 0 ? "SIP requests by direction and method"
                    : "SIP responses by direction, CSeq method and status code").register(registry);
            byCode[slot] = c; // a race registers the same meter twice: Micrometer returns the one it has
        }
        return c;
    }

    /** Sum of a counter family (for /api/stats): {@code name} over every tag set with {@code direction}. */
    public double total(String name, String direction) {
        return registry.find(name).tag("direction", direction).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
