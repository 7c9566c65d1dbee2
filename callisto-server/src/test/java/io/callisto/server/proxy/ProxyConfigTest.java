package io.callisto.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** Defaults, validation and static-route matching. */
class ProxyConfigTest {

    @Test
    void defaults() {
        ProxyConfig c = ProxyConfig.defaults();
        assertThat(c.recordRoute()).isTrue();
        assertThat(c.forking()).isEqualTo(ForkingMode.PARALLEL);
        assertThat(c.sequentialTimeoutMillis()).isEqualTo(20_000);
        assertThat(c.timerCMillis()).isGreaterThan(180_000);
        assertThat(c.maxForwards()).isEqualTo(70);
        assertThat(c.maxBranches()).isEqualTo(10);
        assertThat(c.domains()).isEmpty();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void timerCMustExceedThreeMinutes() {
        assertThatThrownBy(() -> ProxyConfig.builder().timerCMillis(180_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 minutes");
        assertThatThrownBy(() -> ProxyConfig.builder().maxBranches(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProxyConfig.builder().maxForwards(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void domainsAreCaseInsensitive() {
        ProxyConfig c = ProxyConfig.builder().domain("Example.COM").build();
        assertThat(c.isDomain("example.com")).isTrue();
        assertThat(c.isDomain("EXAMPLE.com")).isTrue();
        assertThat(c.isDomain("other.com")).isFalse();
    }

    @Test
    void staticRouteMatching() {
        SipUri gw = SipUri.parse("sip:gw.example.net");
        assertThat(new StaticRoute("Other.net", null, gw).matches(Uri.parse("sip:x@other.NET"))).isTrue();
        assertThat(new StaticRoute("other.net", null, gw).matches(Uri.parse("sip:x@else.net"))).isFalse();
        assertThat(new StaticRoute(null, "+1", gw).matches(Uri.parse("tel:+1-201-555-0123"))).isTrue();
        assertThat(new StaticRoute(null, "+1", gw).matches(Uri.parse("sip:+12015550123@example.com"))).isTrue();
        assertThat(new StaticRoute(null, "+1", gw).matches(Uri.parse("sip:+4930@example.com"))).isFalse();
        assertThat(new StaticRoute("example.com", "+1", gw).matches(Uri.parse("tel:+12015550123"))).isFalse();
        assertThat(StaticRoute.any(gw).matches(Uri.parse("sip:anything@anywhere"))).isTrue();
        assertThat(StaticRoute.any(gw).matches(Uri.parse("urn:service:sos"))).isFalse();
    }
}
