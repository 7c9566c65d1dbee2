package io.callisto.jmh;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JAIN-SIP reference implementation (jain-sip-ri 1.3.0-91) doing what {@link CallistoBench}'s method of the same
 * name does. Parsing is {@code StringMsgParser.parseSIPMessage(bytes, readBody=true, strict=false, null)}, the call
 * its UDP message channel makes for every datagram; it parses every header eagerly. Writing is
 * {@code encodeAsBytes("UDP")}, what its stack sends. Logging goes to {@link QuietStackLogger}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class JainSipBench {
    private StringMsgParser parser;
    private HeaderFactoryImpl headerFactory;
    private byte[] invite;
    private byte[] ok200;
    private long seq;

    @Setup(Level.Trial)
    public void setup() {
        QuietStackLogger.install();
        Crosscheck.verify(); // fail fast: both parsers accept the messages and agree on every value read
        parser = new StringMsgParser();
        headerFactory = new HeaderFactoryImpl();
        invite = Messages.invite();
        ok200 = Messages.ok200();
    }

    /** (a) What a proxy reads from a request: top Via, tags, Call-ID, CSeq, Max-Forwards, first Route. */
    @Benchmark
    public void proxyFieldsInvite(Blackhole bh) throws Exception {
        SIPMessage m = parser.parseSIPMessage(invite, true, false, null);
        dialogFields(m, bh);
        bh.consume(((MaxForwardsHeader) m.getHeader(MaxForwardsHeader.NAME)).getMaxForwards());
        bh.consume(((RouteHeader) m.getHeader(RouteHeader.NAME)).getAddress().getURI());
        bh.consume(m.getContentLength().getContentLength());
    }

    /** (b) The same for a response: status, top Via, tags, Call-ID, CSeq, first Record-Route. */
    @Benchmark
    public void proxyFieldsOk(Blackhole bh) throws Exception {
        SIPMessage m = parser.parseSIPMessage(ok200, true, false, null);
        bh.consume(((SIPResponse) m).getStatusCode());
        dialogFields(m, bh);
        bh.consume(((RecordRouteHeader) m.getHeader(RecordRouteHeader.NAME)).getAddress().getURI());
        bh.consume(m.getContentLength().getContentLength());
    }

    /** Top Via branch and sent-by, From and To tags, Call-ID, CSeq: read by (a) and (b). */
    private static void dialogFields(SIPMessage m, Blackhole bh) {
        Via v = m.getTopmostVia();
        bh.consume(v.getBranch());
        bh.consume(v.getHost());
        bh.consume(v.getPort());
        bh.consume(m.getFrom().getTag());
        bh.consume(m.getTo().getTag());
        bh.consume(m.getCallId().getCallId());
        CSeqHeader c = m.getCSeq();
        bh.consume(c.getSeqNumber());
        bh.consume(c.getMethod());
    }

    /** (c) Parse (JAIN-SIP always parses every header fully), then write the message. */
    @Benchmark
    public byte[] fullParseAndWriteInvite(Blackhole bh) throws Exception {
        return fullParseAndWrite(parser.parseSIPMessage(invite, true, false, null), bh);
    }

    /** (c) The same for the 200 OK. */
    @Benchmark
    public byte[] fullParseAndWriteOk(Blackhole bh) throws Exception {
        return fullParseAndWrite(parser.parseSIPMessage(ok200, true, false, null), bh);
    }

    /** (d) Proxy forwarding: push a Via, decrement Max-Forwards, pop the Route, write. */
    @Benchmark
    public byte[] proxyEditInvite() throws Exception {
        return proxyEdit((SIPRequest) parser.parseSIPMessage(invite, true, false, null), headerFactory, seq++);
    }

    static byte[] fullParseAndWrite(SIPMessage m, Blackhole bh) {
        bh.consume(m);
        return m.encodeAsBytes("UDP");
    }

    static byte[] proxyEdit(SIPRequest r, HeaderFactoryImpl hf, long n) throws Exception {
        r.addFirst(hf.createViaHeader(Messages.PROXY_HOST, Messages.PROXY_PORT, "UDP", Messages.BRANCH_PREFIX + n));
        ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).decrementMaxForwards();
        r.removeFirst(RouteHeader.NAME);
        return r.encodeAsBytes("UDP");
    }
}
