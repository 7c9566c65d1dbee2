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
 * <p>Counters are looked up once per (direction, method, code) and cached, so counting costs a map read and an
 * adder increment per message.
 */
public final class ServerMetrics implements MessageObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

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
        String method;
        String code;
        String name;
        if (m instanceof SipRequest r) {
            method = r.method();
            code = "";
            name = "sip_requests";
        } else if (m instanceof SipResponse s) {
            method = s.cseq() != null ? s.cseq().method() : "?";
            code = Integer.toString(s.status());
            name = "sip_responses";
        } else {
            return;
        }
        String key = direction + ' ' + method + ' ' + code;
        Counter c = counters.get(key);
        if (c == null) {
            if (counters.size() > 2_000) {
                method = "other"; // bounded label values: a peer inventing methods must not grow the registry
                key = direction + " other " + code;
            }
            String fm = method;
            String fc = code;
            c = counters.computeIfAbsent(key, k -> {
                Counter.Builder b = Counter.builder(name).tag("direction", direction).tag("method", fm);
                if (!fc.isEmpty()) {
                    b.tag("code", fc);
                }
                return b.description(name.equals("sip_requests") ? "SIP requests by direction and method"
                        : "SIP responses by direction, CSeq method and status code").register(registry);
            });
        }
        c.increment();
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
