package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp plays the {@code uac-*} scenarios of {@code src/test/resources/sipp} against {@code callisto ua}, a separate
 * process: a re-INVITE and an UPDATE of an established call, and a CANCEL while it rings. Both sides must agree
 * on the outcome: SIPp's exit code, and the events the UA prints.
 */
class SippScenariosCallCliIT {

    /** §14.2: SIPp re-INVITEs the call (CSeq 2, to our Contact, sendonly), then hangs up (CSeq 3). */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sippReinvitesAnAnsweredCall(String transport, @TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1")) {
            int port = ua.awaitListening(2).port(transport);
            Sipp.Result r = Sipp.run(dir, 60, sippArgs(dir, "uac-reinvite.xml", port, transport));
            assertThat(r.exitCode()).as("sipp exit code; callisto said:\n%s%s\nsipp:\n%s", ua.stdout(), ua.stderr(),
                    r.output()).isZero();
            assertThat(ua.awaitExit(30)).isZero();
            String callId = ua.last("incoming").get("call");
            assertThat(ua.last("confirmed").get("call")).isEqualTo(callId);
            assertThat(ua.last("refreshed").get("call")).as("the re-INVITE was accepted").isEqualTo(callId);
            UaEvent ended = ua.last("ended");
            assertThat(ended.get("status")).isEqualTo("200");
            assertThat(ended.get("reason")).isEqualTo("remote BYE");
            assertThat(ua.last("summary").number("failed")).isZero();
            assertThat(ua.stackWarnings()).isEmpty();
        }
    }

    /**
     * RFC 3311: SIPp updates the answered call (UPDATE with a new offer, CSeq 2, to our Contact) and checks that our
     * 200 lists UPDATE in Allow and that the UPDATE's 200 carries an SDP answer; then it hangs up (CSeq 3).
     */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sippUpdatesAnAnsweredCall(String transport, @TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--max-calls", "1")) {
            int port = ua.awaitListening(2).port(transport);
            Sipp.Result r = Sipp.run(dir, 60, sippArgs(dir, "uac-update.xml", port, transport));
            assertThat(r.exitCode()).as("sipp exit code; callisto said:\n%s%s\nsipp:\n%s", ua.stdout(), ua.stderr(),
                    r.output()).isZero();
            assertThat(ua.awaitExit(30)).isZero();
            String callId = ua.last("incoming").get("call");
            assertThat(ua.last("refreshed").get("call")).as("the UPDATE was accepted").isEqualTo(callId);
            assertThat(ua.last("ended").get("reason")).isEqualTo("remote BYE");
            assertThat(ua.stackWarnings()).isEmpty();
        }
    }

    /**
     * §9.2: the UA rings ({@code --ring-ms} far beyond the test) and SIPp cancels: 200 for the CANCEL, 487 for the
     * INVITE, ACK. The UA reports the call ended with 487.
     */
    @Test
    void sippCancelsWhileTheUaRings(@TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--ring-ms", "600000",
                "--max-calls", "1")) {
            int port = ua.awaitListening(2).port("udp");
            Sipp.Result r = Sipp.run(dir, 60, sippArgs(dir, "uac-cancel.xml", port, "udp"));
            assertThat(r.exitCode()).as("sipp exit code; callisto said:\n%s%s\nsipp:\n%s", ua.stdout(), ua.stderr(),
                    r.output()).isZero();
            assertThat(ua.awaitExit(30)).isZero();
            String callId = ua.last("incoming").get("call");
            assertThat(ua.last("ringing").get("call")).isEqualTo(callId);
            assertThat(ua.events("confirmed")).as("never answered").isEmpty();
            UaEvent ended = ua.last("ended");
            assertThat(ended.get("call")).isEqualTo(callId);
            assertThat(ended.get("status")).isEqualTo("487");
            assertThat(ua.stackWarnings()).isEmpty();
        }
    }

    private static String[] sippArgs(Path dir, String scenario, int port, String transport) throws Exception {
        List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario(scenario), "127.0.0.1:" + port,
                "-s", "callee", "-i", "127.0.0.1", "-p", "0", "-mp", Integer.toString(Sipp.freeUdpPort()),
                "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString()));
        if (transport.equals("tcp")) {
            args.addAll(List.of("-t", "t1"));
        }
        return args.toArray(new String[0]);
    }
}
