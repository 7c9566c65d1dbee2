package io.callisto.transport.dns;

import io.callisto.transport.dns.internal.DnsLookup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An in-memory {@link DnsLookup} that records the questions asked, in order. */
final class FakeDns implements DnsLookup {

    final Map<String, List<Naptr>> naptr = new HashMap<>();
    final Map<String, List<Srv>> srv = new HashMap<>();
    final Map<String, List<InetAddress>> addresses = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    long ttl = 60;

    FakeDns naptr(String name, int order, int pref, String service, String replacement) {
        naptr.computeIfAbsent(name, k -> new ArrayList<>()).add(new Naptr(order, pref, "s", service, "", replacement));
        return this;
    }

    FakeDns srv(String name, int priority, int weight, int port, String target) {
        srv.computeIfAbsent(name, k -> new ArrayList<>()).add(new Srv(priority, weight, port, target));
        return this;
    }

    FakeDns a(String name, String... ips) throws Exception {
        for (String ip : ips) {
            addresses.computeIfAbsent(name, k -> new ArrayList<>()).add(InetAddress.getByName(ip));
        }
        return this;
    }

    @Override
    public CompletableFuture<Answer<Naptr>> naptr(String name) {
        return answer("NAPTR " + name, naptr.get(name));
    }

    @Override
    public CompletableFuture<Answer<Srv>> srv(String name) {
        return answer("SRV " + name, srv.get(name));
    }

    @Override
    public CompletableFuture<Answer<InetAddress>> addresses(String name) {
        return answer("A " + name, addresses.get(name));
    }

    private <T> CompletableFuture<Answer<T>> answer(String question, List<T> records) {
        asked.add(question);
        return CompletableFuture.completedFuture(records == null ? Answer.empty(5) : new Answer<>(records, ttl));
    }
}
