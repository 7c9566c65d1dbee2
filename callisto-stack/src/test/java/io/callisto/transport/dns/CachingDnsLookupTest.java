package io.callisto.transport.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.transport.dns.internal.CachingDnsLookup;
import org.junit.jupiter.api.Test;

class CachingDnsLookupTest {

    private final FakeDns dns = new FakeDns();
    private final long[] now = {0};

    @Test
    void answersAreKeptForTheirTtl() throws Exception {
        dns.a("a.test", "192.0.2.1");
        dns.ttl = 60;
        CachingDnsLookup cache = new CachingDnsLookup(dns, 100, 3600, () -> now[0]);
        cache.addresses("a.test").join();
        now[0] += 59_000;
        assertThat(cache.addresses("A.TEST").join().records()).hasSize(1);
        assertThat(dns.asked).containsExactly("A a.test");
        now[0] += 1_000;
        cache.addresses("a.test").join();
        assertThat(dns.asked).containsExactly("A a.test", "A a.test");
    }

    @Test
    void ttlIsCappedAndNegativeAnswersKeptBriefly() throws Exception {
        dns.a("a.test", "192.0.2.1");
        dns.ttl = 86_400;
        CachingDnsLookup cache = new CachingDnsLookup(dns, 100, 10, () -> now[0]);
        cache.addresses("a.test").join();
        cache.srv("_sip._udp.a.test").join(); // none: the fake's negative TTL is 5 s
        now[0] += 4_000;
        cache.addresses("a.test").join();
        cache.srv("_sip._udp.a.test").join();
        assertThat(dns.asked).containsExactly("A a.test", "SRV _sip._udp.a.test");
        now[0] += 1_000;
        cache.srv("_sip._udp.a.test").join();
        now[0] += 5_000;
        cache.addresses("a.test").join();
        assertThat(dns.asked).containsExactly("A a.test", "SRV _sip._udp.a.test", "SRV _sip._udp.a.test", "A a.test");
    }

    @Test
    void theCacheNeverGrowsPastItsBound() {
        CachingDnsLookup cache = new CachingDnsLookup(dns, 8, 3600, () -> now[0]);
        for (int i = 0; i < 100; i++) {
            cache.srv("_sip._udp.n" + i + ".test").join();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(8);
    }
}
