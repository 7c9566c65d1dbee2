package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 §4, session timers (RFC 4028) against SIPp, both ways at once (a refresh comes at half the 90 s minimum
 * interval, so each direction takes about 45 s; running them side by side keeps the test under a minute):
 * <ul>
 *   <li>{@code uac-timer.xml}: SIPp calls {@code callisto ua --answer}, supports timers and leaves the refresher
 *       open; the UA must name itself (Session-Expires: 90;refresher=uas, Require: timer) and refresh with an UPDATE
 *       (SIPp's Allow lists it) about 45 s later;</li>
 *   <li>{@code uas-timer.xml}: {@code callisto ua --call --session-expires 90} calls SIPp, whose 200 makes the UA
 *       the refresher and does not allow UPDATE; the UA must refresh with a re-INVITE.</li>
 * </ul>
 */
class SippSessionTimerIT {

    @Test
    void theUaRefreshesTheSessionAsCalleeByUpdateAndAsCallerByReInvite(@TempDir Path dir) throws Exception {
        Path uacDir = Files.createDirectories(dir.resolve("sipp-caller"));
        Path uasDir = Files.createDirectories(dir.resolve("sipp-callee"));
        int sippCalleePort = Sipp.freeUdpPort();
        Process sippCallee = Sipp.start(uasDir, "-sf", Sipp.scenario("uas-timer.xml"), "-i", "127.0.0.1",
                "-p", Integer.toString(sippCalleePort), "-mp", Integer.toString(Sipp.freeUdpPort()), "-m", "1",
                "-timeout", "100s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                uasDir.resolve("messages.log").toString(), "-trace_err", "-error_file",
                uasDir.resolve("errors.log").toString());
        Process sippCaller = null;
        try (Cli answerer = Cli.start(dir, "answerer", "ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1")) {
            int port = answerer.awaitListening(2).port("udp");
            sippCaller = Sipp.start(uacDir, "-sf", Sipp.scenario("uac-timer.xml"), "127.0.0.1:" + port,
                    "-s", "callee", "-i", "127.0.0.1", "-p", "0", "-mp", Integer.toString(Sipp.freeUdpPort()),
                    "-m", "1", "-timeout", "100s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                    uacDir.resolve("messages.log").toString(), "-trace_err", "-error_file",
                    uacDir.resolve("errors.log").toString());
            Sipp.awaitUdpBound(sippCallee, sippCalleePort, 10);
            try (Cli caller = Cli.start(dir, "caller", "ua", "--bind", "127.0.0.1:0", "--session-expires", "90",
                    "--call", "sip:service@127.0.0.1:" + sippCalleePort, "--duration-ms", "55000")) {
                assertThat(caller.awaitExit(90)).as("callisto ua (caller) exit code\n%s%s", caller.stdout(),
                        caller.stderr()).isZero();
                assertThat(caller.last("summary").number("clean")).isEqualTo(1);
                assertThat(caller.stackWarnings()).isEmpty();
            }
            Path calleeOut = uasDir.resolve("sipp-output.txt");
            assertThat(Sipp.awaitExit(sippCallee, calleeOut, 30)).as("sipp callee exit code\n%s",
                    Sipp.tail(calleeOut)).isZero();
            Path callerOut = uacDir.resolve("sipp-output.txt");
            assertThat(Sipp.awaitExit(sippCaller, callerOut, 60)).as("sipp caller exit code\n%s\ncallisto said:\n%s%s",
                    Sipp.tail(callerOut), answerer.stdout(), answerer.stderr()).isZero();
            assertThat(answerer.awaitExit(30)).isZero();
            assertThat(answerer.last("ended").get("reason")).isEqualTo("remote BYE");
            assertThat(answerer.stackWarnings()).isEmpty();
        } finally {
            Sipp.stop(sippCallee);
            if (sippCaller != null) {
                Sipp.stop(sippCaller);
            }
        }
        String calleeLog = Files.readString(uasDir.resolve("messages.log"), StandardCharsets.ISO_8859_1);
        assertThat(java.util.regex.Pattern.compile("(?m)^INVITE sip:").matcher(calleeLog).results().count())
                .as("the initial INVITE and the caller's refresh").isEqualTo(2);
        String callerLog = Files.readString(uacDir.resolve("messages.log"), StandardCharsets.ISO_8859_1);
        assertThat(callerLog).as("the callee's refresh").containsPattern("UPDATE sip:[^\\n]*SIP/2.0");
    }
}
