package io.callisto.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.callisto.server.location.Binding;
import io.callisto.server.testing.Reg;
import io.callisto.server.testing.ServerHarness;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3: adding, refreshing, removing and querying bindings, expiry rules, q-values, ordering. */
class RegistrarTest {

    private static final String AOR = "sip:alice@example.com";

    private final ServerHarness h = new ServerHarness(RegistrarConfig.defaults("node-a"));

    private static Reg reg(long cseq) {
        return Reg.register().cseq(cseq);
    }

    private static String contactParam(SipResponse r, int i, String name) {
        return r.all(Headers.CONTACT).get(i).parameters().get(name);
    }

    @Test
    void addsABindingAndListsItWithExpiresDateAndToTag() {
        SipResponse r = h.send(reg(1).contact("<sip:alice@192.0.2.4:5060>").header("User-Agent", "softphone/1.0"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.to().tag()).isNotEmpty();
        assertThat(r.first(Headers.DATE)).isNotNull();
        assertThat(r.first(Headers.DATE).instant().toEpochMilli()).isEqualTo(h.wall.get() / 1000 * 1000);
        assertThat(r.all(Headers.CONTACT)).hasSize(1);
        assertThat(r.all(Headers.CONTACT).get(0).uriText()).isEqualTo("sip:alice@192.0.2.4:5060");
        assertThat(contactParam(r, 0, "expires")).isEqualTo("3600");
        assertThat(r.header("Record-Route")).isNull();

        Binding b = h.store.lookup(AOR).get(0);
        assertThat(b.contact()).isEqualTo("sip:alice@192.0.2.4:5060");
        assertThat(b.expiresAt()).isEqualTo(h.wall.get() + 3_600_000);
        assertThat(b.callId()).isEqualTo("reg-call-1");
        assertThat(b.cseq()).isEqualTo(1);
        assertThat(b.node()).isEqualTo("node-a");
        assertThat(b.userAgent()).isEqualTo("softphone/1.0");
        assertThat(b.source()).isEqualTo("udp:192.0.2.4:5060");
        assertThat(b.flow()).isNull(); // UDP, not outbound: reached through its source
        assertThat(b.q()).isEqualTo(-1);
    }

    @Test
    void theAorIsCanonical() {
        h.send(reg(1).to("\"Alice\" <sip:alice@EXAMPLE.com;user=phone>").contact("<sip:a@192.0.2.4>"));

        assertThat(h.store.aors()).containsExactly(AOR);
    }

    @Test
    void expiresComesFromTheContactParameterThenTheHeaderThenTheDefault() {
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>;expires=120").contact("<sip:b@192.0.2.4>")
                .expires(300));
        assertThat(contactParam(r, 0, "expires")).isEqualTo("120");
        assertThat(contactParam(r, 1, "expires")).isEqualTo("300");

        h.send(reg(2).contact("<sip:c@192.0.2.4>"));
        assertThat(h.store.lookup(AOR)).filteredOn(b -> b.contact().equals("sip:c@192.0.2.4"))
                .singleElement().extracting(Binding::expiresAt).isEqualTo(h.wall.get() + 3_600_000);
    }

    @Test
    void longIntervalsAreCappedAtMaxExpires() {
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>;expires=99999999999").contact("<sip:b@192.0.2.4>")
                .expires(7200));

        assertThat(contactParam(r, 0, "expires")).isEqualTo("3600");
        assertThat(contactParam(r, 1, "expires")).isEqualTo("3600");
    }

    @Test
    void aMalformedExpiresParameterCountsAs3600() {
        ServerHarness small = new ServerHarness(RegistrarConfig.defaults("n").withExpires(60, 7200, 100));

        SipResponse r = small.send(reg(1).contact("<sip:a@192.0.2.4>;expires=soon"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(contactParam(r, 0, "expires")).isEqualTo("3600");
    }

    @Test
    void tooBriefIntervalsGet423WithMinExpires() {
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>;expires=30"));

        assertThat(r.status()).isEqualTo(423);
        assertThat(r.reason()).isEqualTo("Interval Too Brief");
        assertThat(r.first(Headers.MIN_EXPIRES)).isEqualTo(60L);
        assertThat(h.store.updates).isEmpty();

        assertThat(h.send(reg(2).contact("<sip:a@192.0.2.4>").expires(59)).status()).isEqualTo(423);
        assertThat(h.send(reg(3).contact("<sip:a@192.0.2.4>").expires(60)).status()).isEqualTo(200);
    }

    @Test
    void aMinimumAboveOneHourNeverRejectsAnHourOrMore() {
        // §10.3 step 7: 423 only when the interval is shorter than one hour
        ServerHarness big = new ServerHarness(RegistrarConfig.defaults("n").withExpires(7200, 9000, 7200));

        assertThat(big.send(reg(1).contact("<sip:a@192.0.2.4>").expires(3600)).status()).isEqualTo(200);
        assertThat(big.send(reg(2).contact("<sip:a@192.0.2.4>").expires(3599)).status()).isEqualTo(423);
    }

    @Test
    void qValuesAreStoredEchoedAndRangeChecked() {
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>;q=0.7").contact("<sip:b@192.0.2.4>;q=1.0"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(contactParam(r, 0, "q")).isEqualTo("0.7");
        assertThat(contactParam(r, 1, "q")).isEqualTo("1");
        assertThat(h.store.lookup(AOR)).extracting(Binding::q).containsExactly(0.7, 1.0);

        for (String bad : List.of("1.5", "2", "high", "0.5.1")) {
            SipResponse e = h.send(reg(10).callId("q-" + bad).contact("<sip:c@192.0.2.4>;q=" + bad));
            assertThat(e.status()).as(bad).isEqualTo(400);
            assertThat(e.reason()).as(bad).contains("q-value");
        }
        assertThat(h.store.lookup(AOR)).hasSize(2);
    }

    @Test
    void severalContactsPerAorAndRefreshKeepsOne() {
        h.send(reg(1).contact("<sip:desk@192.0.2.4>"));
        SipResponse r = h.send(Reg.register().callId("other-device").cseq(7).contact("<sip:mobile@198.51.100.9>"));

        assertThat(r.all(Headers.CONTACT)).extracting(NameAddress::uriText)
                .containsExactlyInAnyOrder("sip:desk@192.0.2.4", "sip:mobile@198.51.100.9");

        h.advance(1000);
        SipResponse refresh = h.send(reg(2).contact("<sip:desk@192.0.2.4>").expires(600));
        assertThat(refresh.all(Headers.CONTACT)).hasSize(2);
        assertThat(h.store.lookup(AOR)).filteredOn(b -> b.contact().equals("sip:desk@192.0.2.4")).singleElement()
                .satisfies(b -> {
                    assertThat(b.cseq()).isEqualTo(2);
                    assertThat(b.expiresAt()).isEqualTo(h.wall.get() + 600_000);
                });
    }

    @Test
    void anEquivalentUriWrittenDifferentlyRefreshesTheSameBinding() {
        h.send(reg(1).contact("<sip:alice@Host.Example.com;transport=udp>"));
        SipResponse r = h.send(reg(2).contact("<sip:alice@host.example.com;Transport=UDP>"));

        assertThat(r.all(Headers.CONTACT)).hasSize(1);
        assertThat(h.store.lookup(AOR)).singleElement().extracting(Binding::cseq).isEqualTo(2L);
    }

    @Test
    void expiresZeroRemovesOneBinding() {
        h.send(reg(1).contact("<sip:a@192.0.2.4>").contact("<sip:b@192.0.2.4>"));

        SipResponse r = h.send(reg(2).contact("<sip:a@192.0.2.4>;expires=0"));
        assertThat(r.all(Headers.CONTACT)).extracting(NameAddress::uriText).containsExactly("sip:b@192.0.2.4");

        SipResponse r2 = h.send(reg(3).contact("<sip:b@192.0.2.4>").expires(0));
        assertThat(r2.status()).isEqualTo(200);
        assertThat(r2.all(Headers.CONTACT)).isEmpty();
        assertThat(h.store.lookup(AOR)).isEmpty();
    }

    @Test
    void wildcardWithExpiresZeroRemovesEverything() {
        h.send(reg(1).contact("<sip:a@192.0.2.4>"));
        h.send(Reg.register().callId("other").cseq(1).contact("<sip:b@192.0.2.4>"));

        SipResponse r = h.send(reg(2).contact("*").expires(0));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.CONTACT)).isEmpty();
        assertThat(h.store.lookup(AOR)).isEmpty();
    }

    @Test
    void wildcardIsRefusedUnlessAloneWithExpiresZero() {
        h.send(reg(1).contact("<sip:a@192.0.2.4>"));

        assertThat(h.send(reg(2).contact("*")).status()).isEqualTo(400);
        assertThat(h.send(reg(3).contact("*").expires(5)).status()).isEqualTo(400);
        SipResponse mixed = h.send(reg(4).contact("*").contact("<sip:b@192.0.2.4>").expires(0));
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.reason()).contains("Contact: *");
        assertThat(h.store.lookup(AOR)).hasSize(1);
    }

    @Test
    void aRequestWithoutContactIsAQuery() {
        h.send(reg(1).contact("<sip:a@192.0.2.4>;q=0.5").expires(1200));
        int writes = h.store.updates.size();
        h.advance(200_000);

        SipResponse r = h.send(reg(2));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.CONTACT)).singleElement().satisfies(c -> {
            assertThat(c.parameters().get("expires")).isEqualTo("1000");
            assertThat(c.parameters().get("q")).isEqualTo("0.5");
        });
        assertThat(h.store.updates).hasSize(writes);
    }

    @Test
    void sameCallIdWithCSeqNotHigherFailsAndChangesNothing() {
        h.send(reg(5).contact("<sip:a@192.0.2.4>").expires(600));

        SipResponse lower = h.send(reg(4).contact("<sip:a@192.0.2.4>").expires(0));
        SipResponse same = h.send(reg(5).contact("<sip:a@192.0.2.4>").expires(60));
        SipResponse wildcard = h.send(reg(3).contact("*").expires(0));

        for (SipResponse r : List.of(lower, same, wildcard)) {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.reason()).contains("out-of-order");
        }
        assertThat(h.store.lookup(AOR)).singleElement().satisfies(b -> {
            assertThat(b.cseq()).isEqualTo(5);
            assertThat(b.expiresAt()).isEqualTo(h.wall.get() + 600_000);
        });
        assertThat(h.store.updates).hasSize(1);
    }

    @Test
    void anOutOfOrderContactFailsTheWholeRequest() {
        h.send(reg(5).contact("<sip:a@192.0.2.4>"));

        SipResponse r = h.send(reg(4).contact("<sip:new@192.0.2.4>").contact("<sip:a@192.0.2.4>"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(h.store.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:a@192.0.2.4");
    }

    @Test
    void anotherCallIdUpdatesWhateverItsCSeq() {
        h.send(reg(5).contact("<sip:a@192.0.2.4>"));

        SipResponse r = h.send(Reg.register().callId("rebooted").cseq(1).contact("<sip:a@192.0.2.4>").expires(90));

        assertThat(r.status()).isEqualTo(200);
        assertThat(h.store.lookup(AOR)).singleElement().extracting(Binding::callId).isEqualTo("rebooted");
    }

    @Test
    void anAuthenticatedUserMayRegisterOnlyTheirOwnAor() {
        h.authenticatedUser = "bob";
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(h.store.updates).isEmpty();

        h.authenticatedUser = "alice";
        assertThat(h.send(reg(2).contact("<sip:a@192.0.2.4>")).status()).isEqualTo(200);
    }

    @Test
    void anAorOutsideTheDomainGets404() {
        SipResponse r = h.send(reg(1).to("<sip:alice@elsewhere.org>").contact("<sip:a@192.0.2.4>"));
        assertThat(r.status()).isEqualTo(404);

        ServerHarness multi = new ServerHarness(RegistrarConfig.defaults("n")
                .withDomains(Set.of("Example.com", "example.org")));
        assertThat(multi.send(reg(1).uri("sip:127.0.0.1").to("<sip:alice@example.org>")
                .contact("<sip:a@192.0.2.4>")).status()).isEqualTo(200);
        assertThat(multi.send(reg(2).to("<sip:alice@elsewhere.org>").contact("<sip:a@192.0.2.4>")).status())
                .isEqualTo(404);
    }

    @Test
    void badToOrContactGets400() {
        assertThat(h.send(reg(1).to("<tel:+15551234>").contact("<sip:a@192.0.2.4>")).status()).isEqualTo(400);
        assertThat(h.send(reg(2).to("<sip:example.com>").contact("<sip:a@192.0.2.4>")).status()).isEqualTo(400);
        SipResponse r = h.send(reg(3).contact("<sip:a@[not-an-address>"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).contains("Contact");
        assertThat(h.store.updates).isEmpty();
    }

    @Test
    void unknownRequiredExtensionsGet420() {
        SipResponse r = h.send(reg(1).contact("<sip:a@192.0.2.4>").header("Require", "path, foo, 100rel"));

        assertThat(r.status()).isEqualTo(420);
        assertThat(r.all(Headers.UNSUPPORTED)).containsExactly("foo", "100rel");
        assertThat(h.send(reg(2).contact("<sip:a@192.0.2.4>").header("Require", "path")).status())
                .isEqualTo(200);
    }

    @Test
    void theBindingsLimitRefusesMore() {
        ServerHarness small = new ServerHarness(RegistrarConfig.defaults("n").withMaxBindingsPerAor(2));
        small.send(reg(1).contact("<sip:a@192.0.2.4>").contact("<sip:b@192.0.2.4>"));

        SipResponse r = small.send(reg(2).contact("<sip:c@192.0.2.4>"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(small.store.lookup(AOR)).hasSize(2);

        // replacing one keeps the count: allowed
        assertThat(small.send(reg(3).contact("<sip:a@192.0.2.4>;expires=0").contact("<sip:c@192.0.2.4>"))
                .status()).isEqualTo(200);
    }

    @Test
    void hostileOrMalformedValuesGet400AndChangeNothing() {
        for (Reg bad : List.of(reg(1).contact("<sip:a@192.0.2.4>").header("Expires", "soon"),
                reg(2).contact("<sip:a@192.0.2.4>;q"),
                reg(3).contact("<sip:a@192.0.2.4").header("X", "y"),
                reg(4).header("Path", "<>").header("Supported", "path").contact("<sip:a@192.0.2.4>"),
                reg(5).to("garbage").contact("<sip:a@192.0.2.4>"))) {
            SipResponse r = h.send(bad);
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).startsWith("Bad Request");
        }
        assertThat(h.store.updates).isEmpty();
        assertThat(h.send(reg(9).contact("<sip:a@192.0.2.4>")).status()).isEqualTo(200);
    }

    @Test
    void configRejectsInconsistentExpiryBounds() {
        RegistrarConfig d = RegistrarConfig.defaults("n");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withExpires(60, 30, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> d.withExpires(60, 3600, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMaxBindingsPerAor(0));
    }
}
