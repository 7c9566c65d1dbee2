package io.callisto.bench.engine;

import io.callisto.bench.scenario.InjectionData;
import io.callisto.bench.scenario.Scenario;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;

/**
 * What one run does: the scenario, where the load goes, how much, and the timers. Built with {@link #builder}.
 *
 * @param scenario         the scenario every call runs
 * @param transport        UDP, TCP or TLS
 * @param target           the peer calls are sent to (null for a server scenario, which answers whoever calls)
 * @param service          the value of {@code [service]}
 * @param ratePerSec       calls started per second (client scenarios)
 * @param rampMs           linear ramp from 0 to the rate
 * @param maxConcurrent    the most calls in progress at once; 0 for no limit
 * @param calls            calls to start (client) or to complete (server); 0 for no limit
 * @param runMs            how long to start calls (client) or to answer them (server); 0 for no limit
 * @param callLengthMs     the length of a {@code <pause/>} without {@code milliseconds} (SIPp's {@code -d})
 * @param recvTimeoutMs    how long any {@code <recv>} waits when it has no {@code timeout}; 0 for no limit
 * @param injection        rows for {@code [fieldN]}, or null
 * @param mediaPort        the value of {@code [media_port]}
 * @param reportIntervalMs length of a reporting interval
 * @param lingerMs         how long an ended call still answers its peer's retransmissions (UDP)
 * @param rtp              RTP streaming of the calls, or null for none
 */
public record BenchConfig(
        Scenario scenario,
        Transport transport,
        InetSocketAddress target,
        String service,
        double ratePerSec,
        long rampMs,
        int maxConcurrent,
        long calls,
        long runMs,
        long callLengthMs,
        long recvTimeoutMs,
        InjectionData injection,
        int mediaPort,
        long reportIntervalMs,
        long lingerMs,
        RtpOptions rtp) {

    /** A builder with the defaults: UDP, 10 calls/s, no ramp, no limits, 0 ms call length, 32 s timeouts. */
    public static Builder builder(Scenario scenario) {
        return new Builder(scenario);
    }

    /** Builds a {@link BenchConfig}; every setter returns the builder. */
    public static final class Builder {
        private final Scenario scenario;
        private Transport transport = Transport.UDP;
        private InetSocketAddress target;
        private String service = "service";
        private double ratePerSec = 10;
        private long rampMs;
        private int maxConcurrent;
        private long calls;
        private long runMs;
        private long callLengthMs;
        private long recvTimeoutMs = 32_000;
        private InjectionData injection;
        private int mediaPort = 6000;
        private long reportIntervalMs = 1000;
        private long lingerMs = 5000;
        private RtpOptions rtp;

        private Builder(Scenario scenario) {
            this.scenario = scenario;
        }

        /** Transport of every message. */
        public Builder transport(Transport t) {
            transport = t;
            return this;
        }

        /** Where calls go. */
        public Builder target(InetSocketAddress a) {
            target = a;
            return this;
        }

        /** The {@code [service]} value. */
        public Builder service(String s) {
            service = s;
            return this;
        }

        /** Calls per second. */
        public Builder rate(double perSec) {
            ratePerSec = perSec;
            return this;
        }

        /** Ramp length. */
        public Builder rampMs(long ms) {
            rampMs = ms;
            return this;
        }

        /** Concurrency limit (0: none). */
        public Builder maxConcurrent(int n) {
            maxConcurrent = n;
            return this;
        }

        /** Call count limit (0: none). */
        public Builder calls(long n) {
            calls = n;
            return this;
        }

        /** Run length limit (0: none). */
        public Builder runMs(long ms) {
            runMs = ms;
            return this;
        }

        /** Call length for {@code <pause/>}. */
        public Builder callLengthMs(long ms) {
            callLengthMs = ms;
            return this;
        }

        /** Default {@code <recv>} timeout (0: none). */
        public Builder recvTimeoutMs(long ms) {
            recvTimeoutMs = ms;
            return this;
        }

        /** Injection rows. */
        public Builder injection(InjectionData d) {
            injection = d;
            return this;
        }

        /** {@code [media_port]}. */
        public Builder mediaPort(int p) {
            mediaPort = p;
            return this;
        }

        /** Reporting interval. */
        public Builder reportIntervalMs(long ms) {
            reportIntervalMs = ms;
            return this;
        }

        /** Retransmission linger after a call ends. */
        /** RTP streaming of every call (null: none). */
        public Builder rtp(RtpOptions options) {
            rtp = options;
            return this;
        }

        public Builder lingerMs(long ms) {
            lingerMs = ms;
            return this;
        }

        /** The configuration. */
        public BenchConfig build() {
            return new BenchConfig(scenario, transport, target, service, ratePerSec, rampMs, maxConcurrent, calls,
                    runMs, callLengthMs, recvTimeoutMs, injection, mediaPort, reportIntervalMs, lingerMs, rtp);
        }
    }
}
