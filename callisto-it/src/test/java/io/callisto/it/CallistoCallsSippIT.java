package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other direction: {@code callisto ua --call ... --count 200 --parallel 10}, a separate process, calls SIPp's
 * built-in {@code uas} (180, 200 retransmitted until the ACK, BYE answered 200). SIPp counts a call as successful
 * only when the ACK and BYE of each call match its dialog; Callisto counts a call as clean when it was answered and
 * hung up by its own BYE.
 */
class CallistoCallsSippIT {

    static final int CALLS = 200;

    /**
     * Why {@code --t1-ms 2000} on the caller: SIPp's built-in uas answers a retransmitted INVITE only while its 180
     * is the last thing it sent; once it has sent the 200 and waits for the ACK, an INVITE retransmission is an
     * "unexpected message" that aborts the call (SIPp replays only the first send after a receive). On loopback
     * nothing is lost, so Callisto retransmits an INVITE (Timer A, §17.1.1.2) only when its own freshly started JVM
     * takes longer than T1 to read the 180: with the default T1 of 500 ms that happened to a few of the first
     * calls on a 2-CPU machine. A T1 of 2 s keeps this test about interop rather than JIT warm-up; retransmission
     * itself is covered by {@link LossyUdpIT}.
     */
    @Test
    void twoHundredCallsToSippUas(@TempDir Path dir) throws Exception {
        int sippPort = Sipp.freeUdpPort();
        Path stats = dir.resolve("stats.csv");
        Path sippOut = dir.resolve("sipp-output.txt");
        Process sipp = Sipp.start(dir, "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(sippPort),
                "-mp", Integer.toString(Sipp.freeUdpPort()), "-m", Integer.toString(CALLS),
                "-timeout", "110s", "-timeout_error", "-nostdin", "-trace_stat", "-stf", stats.toString(),
                "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString());
        try (Cli caller = Cli.start(dir, "caller", "ua", "--bind", "127.0.0.1:0",
                "--call", "sip:service@127.0.0.1:" + sippPort, "--count", Integer.toString(CALLS),
                "--parallel", "10", "--duration-ms", "100", "--t1-ms", "2000", "--quiet")) {
            int callerExit = caller.awaitExit(120);
            UaEvent summary = caller.last("summary");
            // SIPp ends 4 s (its timewait) after the last BYE.
            int sippExit = Sipp.awaitExit(sipp, sippOut, 60);
            Sipp.Stats s = Sipp.Stats.read(stats);

            assertThat(callerExit).as("callisto ua exit code (0: every call answered and ended cleanly)\n%s%s",
                    caller.stdout(), caller.stderr()).isZero();
            assertThat(summary.number("calls")).isEqualTo(CALLS);
            assertThat(summary.number("answered")).isEqualTo(CALLS);
            assertThat(summary.number("clean")).isEqualTo(CALLS);
            assertThat(summary.number("failed")).isZero();
            assertThat(caller.stackWarnings()).as("warnings or errors logged by the stack").isEmpty();

            assertThat(sippExit).as("sipp exit code (0: every call succeeded); %s\n%s", s, Sipp.tail(sippOut))
                    .isZero();
            assertThat(s.count("IncomingCall")).as("calls sipp received").isEqualTo(CALLS);
            assertThat(s.count("SuccessfulCall")).as("calls sipp saw succeed").isEqualTo(CALLS);
            assertThat(s.count("FailedCall")).as("calls sipp saw fail").isZero();
        } finally {
            Sipp.stop(sipp);
        }
    }
}
