package io.callisto.jmh;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.HeaderKeys;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.concurrent.TimeUnit;
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
 * Callisto's parser and writer, one thread. Each operation parses one message from its bytes (a fresh
 * {@link SipMessage} every time) and does what the benchmark's name says; {@link JainSipBench} has a method of the
 * same name doing the same with JAIN-SIP. Every value read goes to the {@link Blackhole}.
 *
 * <p>Callisto parses lazily: {@code parseDatagram} indexes the header lines and a typed value is parsed when it is
 * first read. So proxyFields* cost exactly the fields a proxy reads, while fullParseAndWrite* read every header.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class CallistoBench {
    private final SipParser parser = SipParser.DEFAULT;
    private byte[] invite;
    private byte[] ok200;
    private long seq;

    @Setup(Level.Trial)
    public void setup() {
        Crosscheck.verify(); // fail fast: both parsers accept the messages and agree on every value read
        invite = Messages.invite();
        ok200 = Messages.ok200();
    }

    /** (a) What a proxy reads from a request: top Via, tags, Call-ID, CSeq, Max-Forwards, first Route. */
    @Benchmark
    public void proxyFieldsInvite(Blackhole bh) {
        SipMessage m = parser.parseDatagram(invite);
        dialogFields(m, bh);
        bh.consume(m.maxForwards());
        bh.consume(m.first(Headers.ROUTE).uri());
        bh.consume(m.contentLength());
    }

    /** Indexing alone (no value read): what {@code parseDatagram} costs before any header is looked at. */
    @Benchmark
    public SipMessage indexOnlyInvite() {
        return parser.parseDatagram(invite);
    }

    /** (b) The same for a response: status, top Via, tags, Call-ID, CSeq, first Record-Route. */
    @Benchmark
    public void proxyFieldsOk(Blackhole bh) {
        SipMessage m = parser.parseDatagram(ok200);
        bh.consume(((SipResponse) m).status());
        dialogFields(m, bh);
        bh.consume(m.first(Headers.RECORD_ROUTE).uri());
        bh.consume(m.contentLength());
    }

    /** Top Via branch and sent-by, From and To tags, Call-ID, CSeq: read by (a) and (b). */
    private static void dialogFields(SipMessage m, Blackhole bh) {
        Via v = m.topVia();
        bh.consume(v.branch());
        bh.consume(v.host());
        bh.consume(v.port());
        bh.consume(m.from().tag());
        bh.consume(m.to().tag());
        bh.consume(m.callId());
        CSeq c = m.cseq();
        bh.consume(c.number());
        bh.consume(c.method());
    }

    /** (c) Parse every header into its typed value (and every name-addr's URI), then write the message. */
    @Benchmark
    public byte[] fullParseAndWriteInvite(Blackhole bh) {
        return fullParseAndWrite(parser.parseDatagram(invite), bh);
    }

    /** (c) The same for the 200 OK. */
    @Benchmark
    public byte[] fullParseAndWriteOk(Blackhole bh) {
        return fullParseAndWrite(parser.parseDatagram(ok200), bh);
    }

    /** (d) Proxy forwarding: push a Via, decrement Max-Forwards, pop the Route, write. */
    @Benchmark
    public byte[] proxyEditInvite() {
        return proxyEdit(parser.parseDatagram(invite), seq++);
    }

    static byte[] fullParseAndWrite(SipMessage m, Blackhole bh) {
        if (m instanceof SipRequest r) {
            bh.consume(r.requestUri());
        }
        for (int i = 0, n = m.headerCount(); i < n; i++) {
            HeaderName h = m.headerKind(i);
            HeaderKey<?> k = h == null ? null : HeaderKeys.forName(h);
            if (k == null) {
                bh.consume(m.headerValue(i));
                continue;
            }
            for (Object v : m.all(k)) {
                bh.consume(v);
                if (v instanceof NameAddress a && !a.isWildcard()) {
                    bh.consume(a.uri());
                }
            }
        }
        return m.toBytes();
    }

    static byte[] proxyEdit(SipMessage m, long n) {
        m.addFirst(Headers.VIA, Via.of("UDP", Messages.PROXY_HOST, Messages.PROXY_PORT, Messages.BRANCH_PREFIX + n));
        m.set(Headers.MAX_FORWARDS, m.maxForwards() - 1);
        m.removeFirst(Headers.ROUTE);
        return m.toBytes();
    }
}
