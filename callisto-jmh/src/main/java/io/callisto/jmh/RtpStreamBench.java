package io.callisto.jmh;

import io.callisto.exec.VirtualTime;
import io.callisto.media.audio.Echo;
import io.callisto.media.call.internal.SrtpTransform;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.internal.RtpStream;
import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.media.srtp.SrtpPolicy;
import io.callisto.media.srtp.SrtpProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
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
 * The Java work per packet of a media call, without sockets: what {@code ua --answer --media echo} does for each
 * 20 ms of one call. One operation is one frame through two {@link RtpStream}s on a {@link VirtualTime} clock
 * advanced by 20 ms: the caller's stream ticks (reads its tone frame, encodes, packs and, with SRTP, protects),
 * the echo stream receives that packet (unprotects, parses, counts, decodes into the jitter buffer), then ticks
 * (plays a frame into the {@link Echo}, reads it back, encodes and sends), and the caller receives the echo
 * without playing it out (no sink, as the load generator). So an operation holds two sends and two receives; the
 * echo side's share is about half. RTCP runs at its 5 s interval as in a call. The socket work (a system call
 * per datagram and Netty's path) is not included: bench/media-load.sh measures the whole.
 *
 * <pre>BENCH='io.callisto.jmh.RtpStreamBench.*' bench/jmh-parser.sh</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RtpStreamBench {

    @Param({"plain", "srtp"})
    public String mode;

    private VirtualTime time;
    private RtpStream caller;
    private RtpStream echo;
    private byte[] toEcho;
    private int toEchoLength;
    private byte[] toCaller;
    private int toCallerLength;
    private InetSocketAddress callerAddress;
    private InetSocketAddress echoAddress;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        time = new VirtualTime(1_000);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        callerAddress = new InetSocketAddress(loopback, 40000);
        echoAddress = new InetSocketAddress(loopback, 50000);
        caller = new RtpStream(config(loopback, "caller"), time,
                network((p, n) -> {
                    toEcho = p;
                    toEchoLength = n;
                }, p -> echo.onRtcp(p, callerAddress, time.nowMillis() * 1000)),
                new Random(1), () -> time.nowMillis());
        echo = new RtpStream(config(loopback, "echo"), time,
                network((p, n) -> {
                    toCaller = p;
                    toCallerLength = n;
                }, p -> caller.onRtcp(p, echoAddress, time.nowMillis() * 1000)),
                new Random(2), () -> time.nowMillis());
        caller.remote(echoAddress, new InetSocketAddress(loopback, 50001));
        echo.remote(callerAddress, new InetSocketAddress(loopback, 40001));
        caller.source(MediaSource.tone(12000, 1000));
        Echo mirror = new Echo(8);
        echo.source(mirror);
        echo.sink(mirror);
        caller.start();
        echo.start();
    }

    /**
     * RTP goes to {@code rtp} (kept for the next step: the stream's array stays as it is until its next tick), RTCP
     * straight to the other stream.
     */
    private static RtpStream.Network network(ObjIntConsumer<byte[]> rtp, Consumer<byte[]> rtcp) {
        return new RtpStream.Network() {
            @Override
            public void sendRtp(byte[] packet, int length, InetSocketAddress to) {
                rtp.accept(packet, length);
            }

            @Override
            public void sendRtcp(byte[] packet, InetSocketAddress to) {
                rtcp.accept(packet);
            }
        };
    }

    private RtpSessionConfig config(InetAddress address, String cname) {
        RtpSessionConfig config = RtpSessionConfig.defaults(address, cname + "@bench");
        if (mode.equals("plain")) {
            return config.withTransform(PacketTransform.IDENTITY);
        }
        byte[] keySalt = new byte[SrtpProfile.KEY_LENGTH + SrtpProfile.AES_CM_128_HMAC_SHA1_80.saltLength()];
        new Random(3).nextBytes(keySalt);
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.ofKeyAndSalt(keySalt, SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        return config.withTransform(
                new SrtpTransform(new SdesKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 1, policy, policy)));
    }

    /** One 20 ms frame of one call, both ways (see the class comment). */
    @Benchmark
    public Object frameBothWays() {
        time.advance(20); // runs the RTCP timers when due
        long now = time.nowMillis() * 1000;
        caller.tick();
        echo.onRtp(toEcho, toEchoLength, callerAddress, now);
        echo.tick();
        caller.onRtp(toCaller, toCallerLength, echoAddress, now);
        return toCaller;
    }
}
