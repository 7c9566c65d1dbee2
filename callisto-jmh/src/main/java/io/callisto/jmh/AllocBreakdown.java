package io.callisto.jmh;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes allocated by each step of {@link CallistoBench#proxyFieldsInvite}, measured with the thread's allocation
 * counter around every step (after a warm-up, so the JIT has compiled the steps; escape analysis can still remove
 * allocations inside one step, not across steps, so the sum can be a little above JMH's gc.alloc.rate.norm).
 * {@code java -cp callisto-jmh/target/benchmarks.jar io.callisto.jmh.AllocBreakdown [iterations]}
 */
public final class AllocBreakdown {
    private AllocBreakdown() {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static int sink;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        byte[] invite = Messages.invite();
        run(invite, n); // warm-up
        Map<String, Double> steps = run(invite, n);
        double total = 0;
        System.out.printf("Callisto proxyFieldsInvite, bytes allocated per step (%d iterations, %s):%n", n,
                System.getProperty("java.vm.version"));
        for (Map.Entry<String, Double> e : steps.entrySet()) {
            System.out.printf("  %-40s %7.1f B%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        System.out.printf("  %-40s %7.1f B%n", "total", total);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static Map<String, Double> run(byte[] invite, int n) {
        String[] names = {"parseDatagram (index the lines)", "topVia()", "via branch/host/port", "from().tag()",
            "to().tag()", "callId()", "cseq() number/method", "maxForwards()", "first(ROUTE).uri()",
            "contentLength()"};
        long[] sum = new long[names.length];
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 1000; i++) {
            long a = THREADS.getCurrentThreadAllocatedBytes();
            long b = THREADS.getCurrentThreadAllocatedBytes();
            overhead = Math.min(overhead, b - a);
        }
        for (int i = 0; i < n; i++) {
            long t0 = THREADS.getCurrentThreadAllocatedBytes();
            SipMessage m = SipParser.DEFAULT.parseDatagram(invite);
            long t1 = THREADS.getCurrentThreadAllocatedBytes();
            Via v = m.topVia();
            long t2 = THREADS.getCurrentThreadAllocatedBytes();
            sink += v.branch().length() + v.host().length() + v.port();
            long t3 = THREADS.getCurrentThreadAllocatedBytes();
            sink += m.from().tag().length();
            long t4 = THREADS.getCurrentThreadAllocatedBytes();
            sink += m.to().tag() == null ? 0 : 1;
            long t5 = THREADS.getCurrentThreadAllocatedBytes();
            sink += m.callId().length();
            long t6 = THREADS.getCurrentThreadAllocatedBytes();
            CSeq c = m.cseq();
            sink += (int) c.number() + c.method().length();
            long t7 = THREADS.getCurrentThreadAllocatedBytes();
            sink += m.maxForwards();
            long t8 = THREADS.getCurrentThreadAllocatedBytes();
            NameAddress r = m.first(Headers.ROUTE);
            sink += r.uri().hashCode();
            long t9 = THREADS.getCurrentThreadAllocatedBytes();
            sink += (int) m.contentLength();
            long t10 = THREADS.getCurrentThreadAllocatedBytes();
            long[] t = {t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10};
            for (int s = 0; s < names.length; s++) {
                sum[s] += t[s + 1] - t[s] - overhead;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int s = 0; s < names.length; s++) {
            out.put(names[s], (double) sum[s] / n);
        }
        return out;
    }
}
