package io.callisto.jmh;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sip.header.CSeqHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Checks, before any measurement, that both parsers accept {@link Messages}, agree on every value the proxyFields
 * benchmarks read, and that the written messages of fullParseAndWrite and proxyEdit are what they should be (each
 * side's output is parsed back by both parsers). Throws IllegalStateException on the first disagreement.
 * Run alone: {@code java -cp callisto-jmh/target/benchmarks.jar io.callisto.jmh.Crosscheck}.
 */
public final class Crosscheck {
    private Crosscheck() {}

    private static volatile boolean verified;

    /** Add {@code -v} to also print the values read and every message written. */
    public static void main(String[] args) throws Exception {
        verify();
        if (args.length > 0 && args[0].equals("-v")) {
            Blackhole bh = blackhole();
            for (byte[] msg : new byte[][] {Messages.invite(), Messages.ok200()}) {
                System.out.println("Callisto: " + fieldsCallisto(callisto(msg)));
                System.out.println("JAIN-SIP: " + fieldsJainSip(jainSip(msg)));
                System.out.println("--- JAIN-SIP parse+write:\n"
                        + new String(JainSipBench.fullParseAndWrite(jainSip(msg), bh), StandardCharsets.UTF_8));
            }
            System.out.println("--- Callisto proxyEdit:\n"
                    + new String(CallistoBench.proxyEdit(callisto(Messages.invite()), 0), StandardCharsets.UTF_8));
            System.out.println("--- JAIN-SIP proxyEdit:\n" + new String(JainSipBench.proxyEdit(
                    (SIPRequest) jainSip(Messages.invite()), new HeaderFactoryImpl(), 0), StandardCharsets.UTF_8));
        }
        System.out.println("crosscheck OK: Callisto and JAIN-SIP agree on " + String.join(", ",
                fieldsCallisto(callisto(Messages.invite())).keySet()) + " (INVITE) and on "
                + String.join(", ", fieldsCallisto(callisto(Messages.ok200())).keySet()) + " (200 OK)");
    }

    /** Runs the checks once per JVM. */
    public static synchronized void verify() {
        if (verified) {
            return;
        }
        QuietStackLogger.install();
        try {
            check();
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("crosscheck failed: " + e, e);
        }
        verified = true;
    }

    private static void check() throws Exception {
        Blackhole bh = blackhole();
        String[] names = {"INVITE", "200 OK"};
        byte[][] msgs = {Messages.invite(), Messages.ok200()};
        for (int k = 0; k < msgs.length; k++) {
            String what = names[k];
            byte[] msg = msgs[k];
            Map<String, String> c = fieldsCallisto(callisto(msg));
            Map<String, String> j = fieldsJainSip(jainSip(msg));
            same(what + " proxy fields", c, j);
            for (Map.Entry<String, String> e : c.entrySet()) {
                // every field is present, except the To tag of the initial INVITE
                boolean absent = e.getValue().equals("null") || e.getValue().equals("-1");
                if (absent != (k == 0 && e.getKey().equals("to.tag"))) {
                    throw new IllegalStateException(what + ": unexpected value of " + e.getKey() + ": " + c);
                }
            }

            // fullParseAndWrite: Callisto writes the received bytes unchanged; JAIN-SIP re-encodes. Both outputs
            // must parse (with both parsers) to the same values and the same body.
            byte[] cOut = CallistoBench.fullParseAndWrite(callisto(msg), bh);
            if (!Arrays.equals(cOut, msg)) {
                throw new IllegalStateException(what + ": Callisto parse+write is not byte-identical:\n"
                        + new String(cOut, StandardCharsets.UTF_8));
            }
            byte[] jOut = JainSipBench.fullParseAndWrite(jainSip(msg), bh);
            same(what + " JAIN-SIP written, read by Callisto", c, fieldsCallisto(callisto(jOut)));
            same(what + " JAIN-SIP written, read by JAIN-SIP", c, fieldsJainSip(jainSip(jOut)));
            same(what + " body after JAIN-SIP write", new String(callisto(msg).body(), StandardCharsets.UTF_8),
                    new String(callisto(jOut).body(), StandardCharsets.UTF_8));
        }

        // proxyEdit: both outputs must read back as "our Via on top, the old top Via second, Max-Forwards one less,
        // no Route", and otherwise unchanged.
        byte[] in = Messages.invite();
        Map<String, String> before = fieldsCallisto(callisto(in));
        String mf = String.valueOf(Integer.parseInt(before.get("max-forwards")) - 1);
        byte[] cEdit = CallistoBench.proxyEdit(callisto(in), 7);
        byte[] jEdit = JainSipBench.proxyEdit((SIPRequest) jainSip(in), new HeaderFactoryImpl(), 7);
        for (byte[] out : new byte[][] {cEdit, jEdit}) {
            String who = out == cEdit ? "Callisto proxyEdit" : "JAIN-SIP proxyEdit";
            SipMessage m = callisto(out);
            same(who + ": top Via", Messages.BRANCH_PREFIX + 7 + " " + Messages.PROXY_HOST + ":" + Messages.PROXY_PORT,
                    m.topVia().branch() + " " + m.topVia().host() + ":" + m.topVia().port());
            same(who + ": Via count", "2", String.valueOf(m.vias().size()));
            same(who + ": second Via", before.get("via.branch"), m.vias().get(1).branch());
            same(who + ": Max-Forwards", mf, String.valueOf(m.maxForwards()));
            same(who + ": Route", "[]", m.routes().toString());
            same(who + ": call-id", before.get("call-id"), m.callId());
            same(who + ": body", callisto(in).bodyText(), m.bodyText());
            SIPMessage jm = jainSip(out);
            same(who + " read by JAIN-SIP: top Via", m.topVia().branch(), jm.getTopmostVia().getBranch());
            same(who + " read by JAIN-SIP: Max-Forwards", mf,
                    String.valueOf(((MaxForwardsHeader) jm.getHeader(MaxForwardsHeader.NAME)).getMaxForwards()));
            same(who + " read by JAIN-SIP: Route", "null", String.valueOf(jm.getHeader(RouteHeader.NAME)));
            int vias = 0;
            for (var it = jm.getHeaders(ViaHeader.NAME); it.hasNext(); it.next()) {
                vias++;
            }
            same(who + " read by JAIN-SIP: Via count", "2", String.valueOf(vias));
        }
    }

    private static Blackhole blackhole() {
        return new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    static SipMessage callisto(byte[] b) {
        return SipParser.DEFAULT.parseDatagram(b);
    }

    static SIPMessage jainSip(byte[] b) throws Exception {
        SIPMessage m = new StringMsgParser().parseSIPMessage(b, true, false, null);
        if (m == null) {
            throw new IllegalStateException("JAIN-SIP returned no message for:\n" + new String(b, StandardCharsets.UTF_8));
        }
        return m;
    }

    /** The values CallistoBench.proxyFields* read, as text. */
    static Map<String, String> fieldsCallisto(SipMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        boolean request = m.isRequest();
        if (!request) {
            f.put("status", str(((SipResponse) m).status()));
        }
        io.callisto.sip.header.Via v = m.topVia();
        f.put("via.branch", str(v.branch()));
        f.put("via.host", str(v.host()));
        f.put("via.port", str(v.port()));
        f.put("from.tag", str(m.from().tag()));
        f.put("to.tag", str(m.to().tag()));
        f.put("call-id", str(m.callId()));
        CSeq c = m.cseq();
        f.put("cseq.number", str(c.number()));
        f.put("cseq.method", str(c.method()));
        if (request) {
            f.put("max-forwards", str(m.maxForwards()));
            NameAddress r = m.first(Headers.ROUTE);
            f.put("route.uri", r == null ? "null" : str(r.uri()));
        } else {
            NameAddress rr = m.first(Headers.RECORD_ROUTE);
            f.put("record-route.uri", rr == null ? "null" : str(rr.uri()));
        }
        f.put("content-length", str(m.first(Headers.CONTENT_LENGTH)));
        return f;
    }

    /** The values JainSipBench.proxyFields* read, as text. */
    static Map<String, String> fieldsJainSip(SIPMessage m) {
        Map<String, String> f = new LinkedHashMap<>();
        boolean request = m instanceof SIPRequest;
        if (!request) {
            f.put("status", str(((SIPResponse) m).getStatusCode()));
        }
        Via v = m.getTopmostVia();
        f.put("via.branch", str(v.getBranch()));
        f.put("via.host", str(v.getHost()));
        f.put("via.port", str(v.getPort()));
        f.put("from.tag", str(m.getFrom().getTag()));
        f.put("to.tag", str(m.getTo().getTag()));
        f.put("call-id", str(m.getCallId().getCallId()));
        CSeqHeader c = m.getCSeq();
        f.put("cseq.number", str(c.getSeqNumber()));
        f.put("cseq.method", str(c.getMethod()));
        if (request) {
            MaxForwardsHeader mf = (MaxForwardsHeader) m.getHeader(MaxForwardsHeader.NAME);
            f.put("max-forwards", mf == null ? "-1" : str(mf.getMaxForwards()));
            RouteHeader r = (RouteHeader) m.getHeader(RouteHeader.NAME);
            f.put("route.uri", r == null ? "null" : str(r.getAddress().getURI()));
        } else {
            RecordRouteHeader rr = (RecordRouteHeader) m.getHeader(RecordRouteHeader.NAME);
            f.put("record-route.uri", rr == null ? "null" : str(rr.getAddress().getURI()));
        }
        f.put("content-length", m.getContentLength() == null ? "null" : str(m.getContentLength().getContentLength()));
        return f;
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }

    private static void same(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException("crosscheck failed, " + what + ":\n  expected " + expected
                    + "\n  actual   " + actual);
        }
    }
}
