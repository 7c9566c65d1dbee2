package io.callisto.jmh;

import io.callisto.media.srtp.SrtpContext;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.media.srtp.SrtpPolicy;
import io.callisto.media.srtp.SrtpProfile;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP (io.callisto.media.srtp) on G.711 packets: 12-byte RTP header + 160-byte payload (20 ms at 8 kHz), one
 * thread, one context per direction as a call has. {@code protect} encrypts and tags the next packet of the
 * stream; {@code unprotect} checks and decrypts packets of a pre-protected ring of 4096 consecutive sequence
 * numbers, taking a fresh receive context each time the ring restarts (otherwise the replay list would refuse
 * them; the context setup is amortized over 4096 packets). Allocation per operation should be the output array
 * only for the AES-CM suites (run with {@code -prof gc}); the JDK's GCM cipher allocates per packet.
 *
 * <pre>BENCH='io.callisto.jmh.SrtpBench.*' bench/jmh-parser.sh</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class SrtpBench {

    private static final int RING = 4096;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM"})
    public String profile;

    private SrtpPolicy policy;
    private SrtpContext sender;
    private SrtpContext receiver;
    private byte[] rtp;
    private byte[][] ring;
    private int seq;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(1);
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] keySalt = new byte[SrtpProfile.KEY_LENGTH + p.saltLength()];
        r.nextBytes(keySalt);
        policy = SrtpPolicy.of(p, SrtpMasterKey.ofKeyAndSalt(keySalt, p));
        sender = new SrtpContext(policy);
        rtp = new byte[12 + 160];
        r.nextBytes(rtp);
        rtp[0] = (byte) 0x80;
        rtp[1] = 0; // PCMU
        SrtpContext ringSender = new SrtpContext(policy);
        ring = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            setSeq(rtp, i);
            ring[i] = ringSender.protectRtp(rtp);
        }
        receiver = new SrtpContext(policy);
    }

    private static void setSeq(byte[] p, int s) {
        p[2] = (byte) (s >>> 8);
        p[3] = (byte) s;
    }

    /** Protects the next RTP packet of the stream (sequence number, ROC and all). */
    @Benchmark
    public byte[] protect() {
        setSeq(rtp, seq++);
        return sender.protectRtp(rtp);
    }

    /** Authenticates, replay-checks and decrypts the next SRTP packet. */
    @Benchmark
    public byte[] unprotect() {
        if (next == RING) {
            next = 0;
            receiver = new SrtpContext(policy);
        }
        byte[] out = receiver.unprotectRtp(ring[next++]);
        if (out == null) {
            throw new IllegalStateException("unprotect failed: " + receiver.lastFailure());
        }
        return out;
    }
}
