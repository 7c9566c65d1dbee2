package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Event, Allow-Events, Subscription-State (RFC 6665), Refer-Sub (RFC 4488), Replaces (RFC 3891). */
class EventHeadersTest {
    @Test
    void event() {
        Event presence = one(Headers.EVENT, "presence");
        assertThat(presence.type()).isEqualTo("presence");
        assertThat(presence.eventPackage()).isEqualTo("presence");
        assertThat(presence.templates()).isEmpty();
        assertThat(presence.id()).isNull();
        Event refer = one(Headers.EVENT, "refer;id=93809824");
        assertThat(refer.id()).isEqualTo("93809824");
        canonical(Headers.EVENT, "refer;id=93809824");
        Event winfo = one(Headers.EVENT, "presence.winfo.x ; foo=bar");
        assertThat(winfo.eventPackage()).isEqualTo("presence");
        assertThat(winfo.templates()).containsExactly("winfo", "x");
        assertThat(winfo.parameters().get("foo")).isEqualTo("bar");
    }

    @Test
    void eventMatchingPerRfc6665Section8_2_1() {
        Event a = one(Headers.EVENT, "refer;id=1;x=y");
        assertThat(a.matches(one(Headers.EVENT, "refer;id=1"))).isTrue();
        assertThat(a.matches(one(Headers.EVENT, "refer;id=2"))).isFalse();
        assertThat(a.matches(one(Headers.EVENT, "refer"))).isFalse();
        assertThat(a.matches(one(Headers.EVENT, "Refer;id=1"))).isFalse();
        assertThat(Event.of("presence").matches(one(Headers.EVENT, "presence;foo"))).isTrue();
        assertThat(Event.of("refer").withId("7").toString()).isEqualTo("refer;id=7");
        assertThat(a.matches(null)).isFalse();
    }

    @Test
    void malformedEvents() {
        assertThat(reason(Headers.EVENT, ";id=1")).isEqualTo("event type expected");
        assertThat(reason(Headers.EVENT, ".winfo")).isEqualTo("event package expected");
        assertThat(reason(Headers.EVENT, "presence.")).isEqualTo("empty event template");
        assertThat(reason(Headers.EVENT, "presence..winfo")).isEqualTo("empty event template");
        assertThat(reason(Headers.EVENT, "presence, dialog")).isEqualTo("more than one value in a single-value header");
        assertThatThrownBy(() -> Event.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowEvents() {
        assertThat(Headers.ALLOW_EVENTS.parse("presence, dialog, presence.winfo"))
                .containsExactly("presence", "dialog", "presence.winfo");
        assertThat(reason(Headers.ALLOW_EVENTS, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.ALLOW_EVENTS, "presence;x=1")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.ALLOW_EVENTS, "dialog.")).isEqualTo("empty event template");
    }

    @Test
    void subscriptionState() {
        SubscriptionState active = one(Headers.SUBSCRIPTION_STATE, "active;expires=599");
        assertThat(active.isActive()).isTrue();
        assertThat(active.expires()).isEqualTo(599);
        assertThat(active.retryAfter()).isEqualTo(-1);
        assertThat(active.reason()).isNull();
        canonical(Headers.SUBSCRIPTION_STATE, "active;expires=599");
        assertThat(one(Headers.SUBSCRIPTION_STATE, "active; expires=3599").expires()).isEqualTo(3599);
        SubscriptionState term = one(Headers.SUBSCRIPTION_STATE, "terminated;reason=noresource");
        assertThat(term.isTerminated()).isTrue();
        assertThat(term.reason()).isEqualTo("noresource");
        SubscriptionState retry = one(Headers.SUBSCRIPTION_STATE, "Terminated;reason=probation;retry-after=30");
        assertThat(retry.state()).isEqualTo("terminated");
        assertThat(retry.retryAfter()).isEqualTo(30);
        assertThat(one(Headers.SUBSCRIPTION_STATE, "pending").isPending()).isTrue();
        assertThat(one(Headers.SUBSCRIPTION_STATE, "waiting").state()).isEqualTo("waiting");
        assertThat(SubscriptionState.active(600).toString()).isEqualTo("active;expires=600");
        assertThat(SubscriptionState.terminated("timeout").toString()).isEqualTo("terminated;reason=timeout");
        assertThat(SubscriptionState.terminated(null).toString()).isEqualTo("terminated");
    }

    @Test
    void malformedSubscriptionState() {
        // RFC 3515 §4.2 shows "expires=(depends on Refer-To URI)" as a placeholder, not a value.
        assertThat(reason(Headers.SUBSCRIPTION_STATE, "active;expires=(depends on Refer-To URI)"))
                .isEqualTo("parameter value expected");
        assertThat(reason(Headers.SUBSCRIPTION_STATE, "active;expires=soon"))
                .isEqualTo("expires parameter must be delta-seconds (0 to 2^32-1)");
        assertThat(reason(Headers.SUBSCRIPTION_STATE, "terminated;retry-after=-5"))
                .isEqualTo("retry-after parameter must be delta-seconds (0 to 2^32-1)");
        assertThat(reason(Headers.SUBSCRIPTION_STATE, ";expires=5")).isEqualTo("subscription state expected");
        assertThatThrownBy(() -> new SubscriptionState("active", Parameters.ofPairs("expires", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void referSub() {
        assertThat(one(Headers.REFER_SUB, "false").value()).isFalse();
        assertThat(one(Headers.REFER_SUB, "TRUE;x=1")).isEqualTo(new ReferSub(true, Parameters.ofPairs("x", "1")));
        assertThat(ReferSub.FALSE.toString()).isEqualTo("false");
        canonical(Headers.REFER_SUB, "true;x=1");
        assertThat(reason(Headers.REFER_SUB, "yes")).isEqualTo("Refer-Sub must be true or false");
        assertThat(reason(Headers.REFER_SUB, "truely")).isEqualTo("Refer-Sub must be true or false");
    }

    @Test
    void replacesRfc3891Examples() {
        Replaces r = one(Headers.REPLACES, "98732@sip.example.com\r\n          ;from-tag=r33th4x0r\r\n"
                + "          ;to-tag=ff87ff");
        assertThat(r.callId()).isEqualTo("98732@sip.example.com");
        assertThat(r.fromTag()).isEqualTo("r33th4x0r");
        assertThat(r.toTag()).isEqualTo("ff87ff");
        assertThat(r.earlyOnly()).isFalse();
        Replaces early = one(Headers.REPLACES, "12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only");
        assertThat(early.earlyOnly()).isTrue();
        canonical(Headers.REPLACES, "12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only");
        canonical(Headers.REPLACES, "87134@171.161.34.23;to-tag=24796;from-tag=0");
        assertThat(Replaces.of("a@b", "t", "f", true).toString()).isEqualTo("a@b;to-tag=t;from-tag=f;early-only");
        assertThat(Replaces.of("a@b", "t", "f", false)).isEqualTo(one(Headers.REPLACES, "a@b;to-tag=t;from-tag=f"));
    }

    @Test
    void malformedReplaces() {
        assertThat(reason(Headers.REPLACES, "98732@sip.example.com;from-tag=r33th4x0r"))
                .isEqualTo("Replaces requires a to-tag parameter");
        assertThat(reason(Headers.REPLACES, "98732@sip.example.com;to-tag=a"))
                .isEqualTo("Replaces requires a from-tag parameter");
        assertThat(reason(Headers.REPLACES, "x;to-tag=a;from-tag=b;to-tag=c")).isEqualTo("more than one to-tag in Replaces");
        assertThat(reason(Headers.REPLACES, "x;to-tag;from-tag=b")).isEqualTo("to-tag must be a token");
        assertThat(reason(Headers.REPLACES, "x;to-tag=\"a\";from-tag=b")).isEqualTo("to-tag must be a token");
        assertThat(reason(Headers.REPLACES, ";to-tag=a;from-tag=b")).isEqualTo("Call-ID expected");
        assertThatThrownBy(() -> new Replaces("x", Parameters.EMPTY)).isInstanceOf(IllegalArgumentException.class);
    }
}
