package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6 §3, reliable provisional responses (RFC 3262) against SIPp, both ways, with the scenarios
 * {@code uac-prack.xml} and {@code uas-prack.xml} of {@code src/test/resources/sipp} (see the README there):
 * SIPp's INVITE requires {@code 100rel} and {@code callisto ua --answer} must send its 180 reliably and take SIPp's
 * PRACK before it answers; and {@code callisto ua --call} must PRACK SIPp's reliable 180 before the call goes on.
 */
class SippPrackIT {

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sippRequires100relAndPracksTheReliable180OfTheUa(String transport, @TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--ring-ms", "300",
                "--max-calls", "1")) {
            int port = ua.awaitListening(2).port(transport);
            Path messages = dir.resolve("sipp-messages.log");
            List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario("uac-prack.xml"), "127.0.0.1:" + port,
                    "-s", "callee", "-i", "127.0.0.1", "-p", "0", "-mp", Integer.toString(Sipp.freeUdpPort()),
                    "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                    messages.toString(), "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString()));
            if (transport.equals("tcp")) {
                args.addAll(List.of("-t", "t1"));
            }
            Sipp.Result r = Sipp.run(dir, 60, args.toArray(new String[0]));
            assertThat(r.exitCode()).as("sipp exit code; callisto said:\n%s%s\nsipp:\n%s", ua.stdout(), ua.stderr(),
                    r.output()).isZero();
            assertThat(ua.awaitExit(30)).isZero();
            String callId = ua.last("incoming").get("call");
            assertThat(ua.last("ringing").get("call")).isEqualTo(callId);
            assertThat(ua.last("confirmed").get("call")).isEqualTo(callId);
            assertThat(ua.last("ended").get("reason")).isEqualTo("remote BYE");
            assertThat(ua.stackWarnings()).isEmpty();

            String log = Files.readString(messages, StandardCharsets.ISO_8859_1);
            assertThat(log).as("the UA's 180").containsPattern("SIP/2.0 180 Ringing[\\s\\S]*RSeq: \\d+");
            assertThat(log.indexOf("PRACK sip:")).as("SIPp's PRACK comes before the UA's 200 to the INVITE")
                    .isPositive().isLessThan(log.indexOf("CSeq: 1 INVITE", log.indexOf("SIP/2.0 200 OK")));
        }
    }

    @Test
    void theUaPracksTheReliable180OfSipp(@TempDir Path dir) throws Exception {
        int sippPort = Sipp.freeUdpPort();
        Path messages = dir.resolve("sipp-messages.log");
        Path sippOut = dir.resolve("sipp-output.txt");
        Process sipp = Sipp.start(dir, "-sf", Sipp.scenario("uas-prack.xml"), "-i", "127.0.0.1",
                "-p", Integer.toString(sippPort), "-mp", Integer.toString(Sipp.freeUdpPort()), "-m", "1",
                "-timeout", "40s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file", messages.toString(),
                "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString());
        try {
            Sipp.awaitUdpBound(sipp, sippPort, 10);
            try (Cli caller = Cli.start(dir, "caller", "ua", "--bind", "127.0.0.1:0",
                    "--call", "sip:service@127.0.0.1:" + sippPort, "--duration-ms", "300")) {
                assertThat(caller.awaitExit(60)).as("callisto ua exit code\n%s%s", caller.stdout(), caller.stderr())
                        .isZero();
                assertThat(caller.last("summary").number("clean")).isEqualTo(1);
                assertThat(caller.stackWarnings()).isEmpty();
            }
            assertThat(Sipp.awaitExit(sipp, sippOut, 30)).as("sipp exit code\n%s", Sipp.tail(sippOut)).isZero();
            String log = Files.readString(messages, StandardCharsets.ISO_8859_1);
            assertThat(log).as("the INVITE offers 100rel").contains("Supported: 100rel");
            assertThat(log).as("one PRACK for SIPp's RSeq 1").containsPattern("RAck: 1 \\d+ INVITE");
        } finally {
            Sipp.stop(sipp);
        }
    }

    /**
     * RFC 3262 §5 as the callee: {@code callisto ua --answer --early-media} answers SIPp's offer in a reliable 183,
     * and answers the new offer SIPp puts in its PRACK in the 200 for the PRACK ({@code uac-prack-offer.xml}).
     */
    @Test
    void theUaAnswersAnOfferInThePrackIn200(@TempDir Path dir) throws Exception {
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--early-media",
                "--max-calls", "1")) {
            int port = ua.awaitListening(2).port("udp");
            Path messages = dir.resolve("sipp-messages.log");
            Sipp.Result r = Sipp.run(dir, 60, "-sf", Sipp.scenario("uac-prack-offer.xml"), "127.0.0.1:" + port,
                    "-s", "callee", "-i", "127.0.0.1", "-p", "0", "-mp", Integer.toString(Sipp.freeUdpPort()),
                    "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                    messages.toString(), "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString());
            assertThat(r.exitCode()).as("sipp exit code; callisto said:\n%s%s\nsipp:\n%s", ua.stdout(), ua.stderr(),
                    r.output()).isZero();
            assertThat(ua.awaitExit(30)).isZero();
            assertThat(ua.stackWarnings()).isEmpty();
            // uac-prack-offer.xml checks that the PRACK's 200 carries application/sdp (SIPp exits 1 otherwise)
        }
    }

    /**
     * RFC 3262 §5 as the caller: {@code callisto ua --call --late-offer} sends its INVITE without an offer and answers
     * the offer in SIPp's reliable 183 in its PRACK ({@code uas-prack-offer.xml}).
     */
    @Test
    void theUaAnswersALateOfferInAReliable183InItsPrack(@TempDir Path dir) throws Exception {
        int sippPort = Sipp.freeUdpPort();
        Path sippOut = dir.resolve("sipp-output.txt");
        Process sipp = Sipp.start(dir, "-sf", Sipp.scenario("uas-prack-offer.xml"), "-i", "127.0.0.1",
                "-p", Integer.toString(sippPort), "-mp", Integer.toString(Sipp.freeUdpPort()), "-m", "1",
                "-timeout", "40s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file",
                dir.resolve("sipp-messages.log").toString());
        try {
            Sipp.awaitUdpBound(sipp, sippPort, 10);
            try (Cli caller = Cli.start(dir, "caller", "ua", "--bind", "127.0.0.1:0", "--late-offer",
                    "--call", "sip:service@127.0.0.1:" + sippPort, "--duration-ms", "300")) {
                assertThat(caller.awaitExit(60)).as("callisto ua exit code\n%s%s", caller.stdout(), caller.stderr())
                        .isZero();
                assertThat(caller.last("summary").number("clean")).isEqualTo(1);
                assertThat(caller.stackWarnings()).isEmpty();
            }
            assertThat(Sipp.awaitExit(sipp, sippOut, 30)).as("sipp exit code\n%s", Sipp.tail(sippOut)).isZero();
        } finally {
            Sipp.stop(sipp);
        }
    }
}
