package io.callisto.it;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.assertj.core.api.SoftAssertions;

/**
 * What a registrar plus proxy must do with each RFC 4475 message, written from the text of its section (quoted in
 * short in {@code rfc}). Where the RFC leaves a choice ("it is acceptable to reject ... an element that is liberal
 * may ...") every allowed outcome is listed. The server's role decides the rest: a REGISTER for one of its domains
 * goes to the registrar; any other request to the proxy, which answers 404 for a user of its domains with no
 * binding (RFC 3261 §16.5) and forwards to the endpoint of {@link ServerTortureIT} the requests for its AoRs,
 * whose answer (named per case: what a UA answers, e.g. 415 for an unknown body type) comes back.
 */
final class TortureCases {

    private TortureCases() {
    }

    /**
     * What came back for one message: the final answer at the sender, the requests of its Call-ID the endpoint
     * got, and every datagram either socket received meanwhile ({@code seen}, as text).
     */
    record Outcome(String file, byte[] sent, UdpPeer.Datagram finalResponse, List<SipRequest> forwarded,
            List<String> seen) {

        /** The final status, or -1 when there was none. */
        int status() {
            return finalResponse == null ? -1 : TortureMessages.status(finalResponse.data());
        }

        /** The final response parsed, or null. */
        SipResponse response() {
            SipMessage m = finalResponse == null ? null : ServerTortureIT.parse(finalResponse.data());
            return m instanceof SipResponse r ? r : null;
        }
    }

    /** A check beyond the status. */
    @FunctionalInterface
    interface Check {
        void verify(Outcome o, SoftAssertions softly);
    }

    /**
     * One message and its expectations.
     *
     * @param statuses       allowed final statuses; empty: no answer at all
     * @param noneAllowed    no answer is allowed too
     * @param endpointStatus what the endpoint answers when the proxy forwards the message to it (0: 486 for INVITE,
     *                       200 otherwise)
     * @param forwardable    the proxy may forward it to the endpoint
     * @param isRegister     a REGISTER (sent after the others)
     * @param prepare        a change the test harness must make before sending (endpoint port in, bytes out)
     */
    record Case(String file, String section, String rfc, Set<Integer> statuses, boolean noneAllowed,
            int endpointStatus, boolean forwardable, boolean isRegister, Check check,
            BiFunction<byte[], Integer, byte[]> preparation) {

        byte[] prepare(byte[] raw, int endpointPort) {
            return preparation.apply(raw, endpointPort);
        }
    }

    private static final class B {
        final String file;
        final String section;
        final String rfc;
        final Set<Integer> statuses = new LinkedHashSet<>();
        boolean noneAllowed;
        int endpointStatus;
        boolean forwardable;
        boolean register;
        Check check = (o, s) -> { };
        BiFunction<byte[], Integer, byte[]> prepare = (b, p) -> b;

        B(String file, String section, String rfc) {
            this.file = file;
            this.section = section;
            this.rfc = rfc;
        }

        /** The server itself answers one of these (and does not forward). */
        B answers(int... s) {
            Arrays.stream(s).forEach(statuses::add);
            return this;
        }

        /** No answer at all (a response the server must drop). */
        B silent() {
            return this;
        }

        /** No answer is acceptable too (the message lacks what an answer must copy). */
        B orSilent() {
            noneAllowed = true;
            return this;
        }

        /** The proxy forwards it to the endpoint, which answers {@code status}, and that answer comes back. */
        B forwarded(int status) {
            statuses.add(status);
            endpointStatus = status;
            forwardable = true;
            Check before = check;
            check = (o, s) -> {
                before.verify(o, s);
                if (o.status() == status) {
                    s.assertThat(o.forwarded()).as("%s: forwarded to the registered contact", file).isNotEmpty();
                }
            };
            return this;
        }

        /** A REGISTER for the registrar. */
        B register() {
            register = true;
            return this;
        }

        B check(Check c) {
            Check before = check;
            check = (o, s) -> {
                before.verify(o, s);
                c.verify(o, s);
            };
            return this;
        }

        B prepare(BiFunction<byte[], Integer, byte[]> p) {
            prepare = p;
            return this;
        }

        Case build() {
            return new Case(file, section, rfc, Set.copyOf(statuses), noneAllowed, endpointStatus, forwardable,
                    register, check, prepare);
        }
    }

    private static B c(String file, String section, String rfc) {
        return new B(file, section, rfc);
    }

    /** Every message of RFC 4475 §3, in the RFC's order. */
    static List<Case> all() {
        List<B> l = new ArrayList<>();
        // 3.1.1 Valid messages
        l.add(c("wsinv", "3.1.1.1", "well formed; proxies forward unknown header fields unchanged")
                .forwarded(481) // the endpoint knows no dialog with that To tag (RFC 3261 §12.2.2)
                .check((o, s) -> o.forwarded().stream().findFirst().ifPresent(f -> {
                    s.assertThat(f.header("UnknownHeaderWithUnusualValue")).as("wsinv: unknown header forwarded")
                            .isEqualTo(";;,,;;,;");
                    s.assertThat(f.header("NewFangledHeader")).as("wsinv: folded unknown header forwarded")
                            .contains("newfangled value").contains("continued newfangled value");
                    s.assertThat(f.maxForwards()).as("wsinv: Max-Forwards 0068 decremented").isEqualTo(67);
                })));
        l.add(c("intmeth", "3.1.1.2", "well formed: unknown method, unusual but legal characters")
                .answers(404)); // no binding for that user of example.com (RFC 3261 §16.5)
        l.add(c("esc01", "3.1.1.3", "well formed: %HEX escapes")
                .answers(404)); // the user part is sips:user@example.com, not registered
        l.add(c("escnull", "3.1.1.4", "well formed: registers two distinct contacts, %00 must not cut the AoR")
                .register().answers(200).check((o, s) -> {
                    SipResponse r = o.response();
                    s.assertThat(r == null ? List.of() : r.contacts()).as("escnull: two bindings in the 200")
                            .hasSize(2);
                }));
        l.add(c("esc02", "3.1.1.5", "well formed: RE%47IST%45R is an unknown method, not REGISTER")
                .answers(404, 405, 501)); // the server itself is the target; nothing is bound (checked at the end)
        l.add(c("lwsdisp", "3.1.1.6", "elements should accept it as well formed").forwarded(200));
        l.add(c("longreq", "3.1.1.7", "well formed: long values, 34 Via values").forwarded(486)
                .check((o, s) -> o.forwarded().stream().findFirst().ifPresent(f ->
                        s.assertThat(f.vias()).as("longreq: our Via on top of the 34").hasSize(35))));
        l.add(c("dblreq", "3.1.1.8", "the REGISTER is handled normally, the INVITE octets after it are ignored")
                .register().answers(200).check((o, s) -> s.assertThat(o.seen())
                        .as("dblreq: nothing answers or forwards the trailing INVITE")
                        .noneMatch(t -> t.contains("dblreq.0ha0isnda977644900765@192.0.2.15"))));
        l.add(c("semiuri", "3.1.1.9", "well formed: the user part is user;par=u@example.net")
                .answers(404)); // not "user": the endpoint's user@example.com must not get it
        l.add(c("transports", "3.1.1.10", "well formed: processed as usual").forwarded(200)
                .check((o, s) -> o.forwarded().stream().findFirst().ifPresent(f ->
                        s.assertThat(f.vias()).as("transports: every Via kept").hasSize(6))));
        l.add(c("mpart01", "3.1.1.11", "well formed: the binary body must be framed by Content-Length")
                // Its Route <sip:127.0.0.1:5080> (no lr: a strict router) is made to name the endpoint.
                .prepare((b, port) -> new String(b, StandardCharsets.ISO_8859_1)
                        .replace("<sip:127.0.0.1:5080>", "<sip:127.0.0.1:" + port + ">")
                        .getBytes(StandardCharsets.ISO_8859_1))
                .forwarded(200)
                .check((o, s) -> o.forwarded().stream().findFirst().ifPresent(f -> {
                    SipMessage sent = ServerTortureIT.parse(o.sent());
                    s.assertThat(f.body()).as("mpart01: body forwarded byte for byte")
                            .isEqualTo(sent == null ? null : sent.body());
                })));
        l.add(c("unreason", "3.1.1.12", "a well-formed response; no transaction of ours: dropped").silent());
        l.add(c("noreason", "3.1.1.13", "a well-formed response; no transaction of ours: dropped").silent());
        // 3.1.2 Invalid messages
        l.add(c("badinv01", "3.1.2.1", "should respond with a 400 Bad Request").answers(400));
        l.add(c("clerr", "3.1.2.2", "over UDP, should respond with 400").answers(400));
        l.add(c("ncl", "3.1.2.3", "should respond with an error").answers(400));
        l.add(c("scalar02", "3.1.2.4", "should respond with 400 (CSeq out of range)").register().answers(400));
        l.add(c("scalarlg", "3.1.2.5", "a response: simply discarded").silent());
        l.add(c("quotbal", "3.1.2.6", "should return 400").answers(400));
        l.add(c("ltgtruri", "3.1.2.7", "reject with 400, or ignore the brackets (and not forward them)")
                .answers(400).forwarded(486)
                .check((o, s) -> o.forwarded().forEach(f ->
                        s.assertThat(f.requestUriText()).as("ltgtruri: forwarded without <>").doesNotContain("<"))));
        l.add(c("lwsruri", "3.1.2.8", "should respond 400; could ignore the LWS").answers(400).forwarded(486));
        l.add(c("lwsstart", "3.1.2.9", "acceptable to reject; a liberal element may ignore the extra SP")
                .answers(400).forwarded(486));
        l.add(c("trws", "3.1.2.10", "acceptable to reject; a liberal element may ignore the trailing SP")
                .answers(400, 404)); // liberal: remote-target@example.com has no binding
        l.add(c("escruri", "3.1.2.11", "reject with 400, or forward without the escaped headers")
                .answers(400).forwarded(486)
                .check((o, s) -> o.forwarded().forEach(f ->
                        s.assertThat(f.requestUriText()).as("escruri: no headers forwarded").doesNotContain("?"))));
        l.add(c("baddate", "3.1.2.12", "may be rejected, or the Date ignored by an element not using it")
                .answers(400).forwarded(486));
        l.add(c("regbadct", "3.1.2.13", "reasonable to respond 400; a liberal element could infer <>")
                .register().answers(400, 200));
        l.add(c("badaspec", "3.1.2.14", "reasonable to reject with 400; liberal: ignore the spaces")
                .answers(400, 404)); // liberal: user@example.org has no binding
        l.add(c("baddn", "3.1.2.15", "reasonable always to reject with 400; liberal: infer the quotes")
                .answers(400, 404)); // liberal: t.watson@example.org has no binding
        l.add(c("badvers", "3.1.2.16", "should respond 505 Version Not Supported").answers(505));
        l.add(c("mismatch01", "3.1.2.17", "any element will respond 400").answers(400));
        l.add(c("mismatch02", "3.1.2.18", "should respond 501; 400 also acceptable").answers(501, 400));
        l.add(c("bigcode", "3.1.2.19", "a response: simply dropped").silent());
        // 3.2 Transaction layer
        l.add(c("badbranch", "3.2.1", "reject with 400, or fall back to RFC 2543 transaction matching")
                .answers(400).forwarded(200));
        // 3.3 Application layer
        l.add(c("insuf", "3.3.1", "must not break; ideally 400 (no Call-ID, From, To: nothing to build it from)")
                .answers(400).orSilent());
        l.add(c("unkscm", "3.3.2", "will reject it with 416 Unsupported URI Scheme").answers(416));
        l.add(c("novelsc", "3.3.3", "416 if the scheme is never accepted, else 404").answers(416, 404));
        l.add(c("unksm2", "3.3.4", "a registrar rejects it with 400: To is not a SIP or SIPS AoR")
                .register().answers(400));
        l.add(c("bext01", "3.3.5", "420 Bad Extension, Unsupported listing the Proxy-Require tags (proxy role)")
                .answers(420).check((o, s) -> {
                    SipResponse r = o.response();
                    s.assertThat(r == null ? "" : String.join(",", r.headers("Unsupported")))
                            .as("bext01: Unsupported").contains("noProxiesSupportThis")
                            .contains("norDoAnyProxiesSupportThis");
                }));
        l.add(c("invut", "3.3.6", "a proxy processes it as any INVITE; the endpoint answers 415").forwarded(415));
        l.add(c("regaut01", "3.3.7", "a registrar not using authentication ignores the Authorization field")
                .register().answers(200)); // authentication is off here; ServerAuthIT checks the 401
        l.add(c("multi01", "3.3.8", "would respond with 400").answers(400));
        l.add(c("mcl01", "3.3.9", "should respond with an error").answers(400));
        l.add(c("bcast", "3.3.10", "a response: proxies should drop it").silent());
        l.add(c("zeromf", "3.3.11", "a proxy should not forward it and respond 483; an OPTIONS may be answered by "
                + "the proxy itself (RFC 3261 §16.3 item 3)").answers(483, 200));
        l.add(c("cparam01", "3.3.12", "succeeds; unknownparam is a contact parameter, never a URI parameter")
                .register().answers(200).check((o, s) -> {
                    SipResponse r = o.response();
                    s.assertThat(r == null ? "" : String.join(",", r.headers("Contact"))).as("cparam01: Contact of the 200")
                            .contains("<sip:+19725552222@gw1.example.net>");
                }));
        l.add(c("cparam02", "3.3.13", "succeeds; unknownparam stays a URI parameter of the binding")
                .register().answers(200).check((o, s) -> {
                    SipResponse r = o.response();
                    s.assertThat(r == null ? "" : String.join(",", r.headers("Contact"))).as("cparam02: Contact of the 200")
                            .contains("@gw1.example.net;unknownparam>");
                }));
        l.add(c("regescrt", "3.3.14", "succeeds; the binding keeps the escaped Route header")
                .register().answers(200).check((o, s) -> {
                    SipResponse r = o.response();
                    s.assertThat(r == null ? "" : String.join(",", r.headers("Contact"))).as("regescrt: Contact of the 200")
                            .contains("?Route=%3Csip:sip.example.com%3E");
                }));
        l.add(c("sdp01", "3.3.15", "the recipient could respond 406 Not Acceptable; a proxy forwards it")
                .forwarded(406));
        // 3.4 Backward compatibility
        l.add(c("inv2543", "3.4.1", "should be accepted by RFC 3261 elements: no branch, no From tag, no "
                + "Max-Forwards, no Content-Length").forwarded(486)
                .check((o, s) -> o.forwarded().stream().findFirst().ifPresent(f ->
                        s.assertThat(f.maxForwards()).as("inv2543: Max-Forwards added").isPositive())));
        return l.stream().map(B::build).toList();
    }
}
