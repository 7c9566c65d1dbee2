package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.TimerConfig;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallFailedException;
import io.callisto.ua.CallState;
import io.callisto.ua.Registration;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Callisto UA in this JVM (the public API: {@code SipStack}, {@code UserAgent}, {@code Call}) places calls to
 * SIPp playing the {@code uas-*} scenarios of {@code src/test/resources/sipp} (see the README there). Each scenario
 * checks what Callisto sends (branches, tags, Request-URIs, credentials) and fails the call otherwise; the test
 * checks what the API reports, and that SIPp exits 0.
 */
class CallistoScenariosIT {

    @TempDir
    Path dir;
    private Process sipp;
    private int sippPort;

    @AfterEach
    void stopSipp() throws Exception {
        if (sipp != null) {
            Sipp.stop(sipp);
        }
    }

    /** Starts sipp on a free port with {@code scenario}, {@code -m calls}, bounded; waits until it listens. */
    private void startSipp(String scenario, int calls, String... extra) throws Exception {
        sippPort = Sipp.freeUdpPort();
        List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario(scenario), "-i", "127.0.0.1",
                "-p", Integer.toString(sippPort), "-mp", Integer.toString(Sipp.freeUdpPort()),
                "-m", Integer.toString(calls), "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", dir.resolve("sipp-messages.log").toString(),
                "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString()));
        args.addAll(List.of(extra));
        sipp = Sipp.start(dir, args.toArray(new String[0]));
        Sipp.awaitUdpBound(sipp, sippPort, 10);
    }

    private void assertSippSucceeded() throws Exception {
        Path out = dir.resolve("sipp-output.txt");
        int code = Sipp.awaitExit(sipp, out, 40);
        assertThat(code).as("sipp exit code (0: every call of the scenario succeeded)\n%s\nerrors:\n%s",
                Sipp.tail(out), Sipp.tail(dir.resolve("sipp-errors.log"))).isZero();
    }

    private String target(String user) {
        return "sip:" + user + "@127.0.0.1:" + sippPort;
    }

    /** §9.1: hang up while it rings: CANCEL after the 180, 200 for it, 487 for the INVITE, ACK for the 487. */
    @Test
    void cancelWhileRinging() throws Exception {
        startSipp("uas-cancel.xml", 1);
        try (LocalUa caller = LocalUa.start()) {
            CompletableFuture<CallEvent> ringing = new CompletableFuture<>();
            Call call = caller.ua.call(target("callee"), LocalUa.OFFER, e -> {
                if (e.state() == CallState.RINGING) {
                    ringing.complete(e);
                }
            });
            LocalUa.await(ringing, 20, "180 Ringing");
            call.hangup();
            CallEvent end = LocalUa.ended(call, 30);
            assertThat(end.status()).as("the call ends with the INVITE's 487").isEqualTo(487);
            assertThat(end.reason()).isEqualTo("cancelled");
            assertFailedWith(call, 487);
        }
        assertSippSucceeded();
    }

    /** §13.2.2.3: 486 Busy Here fails the call with that status; the INVITE transaction ACKs it (§17.1.1.3). */
    @Test
    void busyCalleeFailsTheCallWith486() throws Exception {
        startSipp("uas-busy.xml", 1);
        try (LocalUa caller = LocalUa.start()) {
            Call call = caller.ua.call(target("busy"), LocalUa.OFFER);
            CallEvent end = LocalUa.ended(call, 30);
            assertThat(end.status()).isEqualTo(486);
            assertThat(((SipResponse) end.message()).reason()).isEqualTo("Busy Here");
            assertFailedWith(call, 486);
        }
        assertSippSucceeded();
    }

    /** §14.1: a re-INVITE in the confirmed dialog (to the remote target, with our tags), its ACK, then BYE. */
    @Test
    void reinviteOfAnEstablishedCall() throws Exception {
        startSipp("uas-reinvite.xml", 1);
        try (LocalUa caller = LocalUa.start()) {
            List<CallEvent> events = new CopyOnWriteArrayList<>();
            Call call = caller.ua.call(target("callee"), LocalUa.OFFER, events::add);
            LocalUa.await(call.answered(), 20, "answer");
            Body hold = Body.sdp("v=0\r\no=callisto-it 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio 40010 RTP/AVP 0\r\na=sendonly\r\n");
            SipResponse r = LocalUa.await(call.reinvite(hold), 20, "final response to the re-INVITE");
            assertThat(r.status()).isEqualTo(200);
            assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
            assertThat(call.remoteBody().text()).as("the answer of the re-INVITE's 200").contains("o=callee 1 2");
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(CallEvent.Type.REINVITE_COMPLETED);
                assertThat(e.status()).isEqualTo(200);
            });
            call.hangup();
            assertThat(LocalUa.ended(call, 20).reason()).isEqualTo("local hangup");
        }
        assertSippSucceeded();
    }

    /**
     * RFC 3311 §5.1: an UPDATE with a new offer in the confirmed dialog (to the remote target, with our tags and our
     * Contact), answered at once with SIPp's new description; then BYE.
     */
    @Test
    void updateOfAnEstablishedCall() throws Exception {
        startSipp("uas-update.xml", 1);
        try (LocalUa caller = LocalUa.start()) {
            List<CallEvent> events = new CopyOnWriteArrayList<>();
            Call call = caller.ua.call(target("callee"), LocalUa.OFFER, events::add);
            LocalUa.await(call.answered(), 20, "answer");
            Body hold = Body.sdp("v=0\r\no=callisto-it 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\nm=audio 40010 RTP/AVP 0\r\na=sendonly\r\n");
            SipResponse r = LocalUa.await(call.update(hold), 20, "final response to the UPDATE");
            assertThat(r.status()).isEqualTo(200);
            assertThat(call.remoteBody().text()).as("the answer in the UPDATE's 200").contains("o=callee 1 2");
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(CallEvent.Type.UPDATE_COMPLETED);
                assertThat(e.status()).isEqualTo(200);
            });
            call.hangup();
            assertThat(LocalUa.ended(call, 20).reason()).isEqualTo("local hangup");
        }
        assertSippSucceeded();
    }

    /**
     * §13.2.2.4 with RFC 6026: a forking proxy delivers two 2xx. The first (A) confirms the call; the second (B)
     * must be ACKed and then ended with BYE, while the call with A goes on. SIPp checks the Request-URI and To tag
     * of each ACK and BYE; the call is hung up (BYE for A) only after SIPp answered the BYE for B, as the scenario
     * expects them in that order.
     */
    @Test
    void forkedInviteKeepsTheFirst2xxAndEndsTheSecond() throws Exception {
        startSipp("uas-fork.xml", 1);
        try (LocalUa caller = LocalUa.start()) {
            CompletableFuture<CallEvent> confirmed = new CompletableFuture<>();
            Call call = caller.ua.call(target("forked"), LocalUa.OFFER, e -> {
                if (e.state() == CallState.CONFIRMED) {
                    confirmed.complete(e);
                }
            });
            CallEvent answer = LocalUa.await(confirmed, 20, "2xx");
            assertThat(((SipResponse) answer.message()).to().tag()).as("the first 2xx is fork A's")
                    .contains("SIPpForkA");
            Sipp.awaitReceivedAndAnswered(dir.resolve("sipp-messages.log"), "BYE sip:ua-b@", 20);
            assertThat(call.state()).as("fork B's 2xx does not end the call").isEqualTo(CallState.CONFIRMED);
            call.hangup();
            assertThat(LocalUa.ended(call, 20).reason()).isEqualTo("local hangup");
        }
        assertSippSucceeded();
    }

    /**
     * §22.2 and §22.3: REGISTER challenged with 401 (SIPp recomputes our Authorization with {@code verifyauth}),
     * then an INVITE challenged with 407 (ACKed, retried with Proxy-Authorization; SIPp checks its form), answered,
     * hung up. The account goes to SIPp with {@code -key}, see the scenario README.
     */
    @Test
    void digestChallengedRegisterAndInvite() throws Exception {
        startSipp("uas-digest.xml", 2, "-key", "auth_user", "alice", "-key", "auth_password", "secret");
        try (LocalUa ua = LocalUa.start(TimerConfig.DEFAULT, b -> { }, c -> c.credentials("alice", "secret")
                .registrar(new Destination(Transport.UDP, new InetSocketAddress("127.0.0.1", sippPort))))) {
            Registration reg = ua.ua.register();
            LocalUa.await(reg.registered(), 20, "registration");
            assertThat(reg.isRegistered()).isTrue();
            assertThat(reg.grantedExpires()).isEqualTo(3600);

            Call call = ua.ua.call(target("callee"), LocalUa.OFFER);
            LocalUa.await(call.answered(), 20, "answer after the 407");
            assertThat(call.invite().header("Proxy-Authorization")).as("the INVITE as finally sent")
                    .contains("realm=\"callisto.test\"");
            call.hangup();
            assertThat(LocalUa.ended(call, 20).reason()).isEqualTo("local hangup");
        }
        assertSippSucceeded();
    }

    /** The same through {@code callisto ua --register ... --password ... --call ...} (a separate process). */
    @Test
    void digestThroughTheCommandLine() throws Exception {
        startSipp("uas-digest.xml", 2, "-key", "auth_user", "alice", "-key", "auth_password", "secret");
        // --user defaults to the AOR's user part (alice).
        Cli.Result r = Cli.run(dir, "ua", 60, "ua", "--bind", "127.0.0.1:0", "--register", "sip:alice@callisto.test",
                "--registrar", "127.0.0.1:" + sippPort, "--password", "secret", "--call", target("callee"),
                "--duration-ms", "100");
        assertThat(r.exitCode()).as("callisto ua exit code\n%s%s", r.stdout(), r.stderr()).isZero();
        UaEvent registered = UaEvent.last(r.stdout(), "registered");
        assertThat(registered.get("aor")).isEqualTo("sip:alice@callisto.test");
        assertThat(registered.number("expires")).isEqualTo(3600);
        assertThat(UaEvent.last(r.stdout(), "summary").number("clean")).isEqualTo(1);
        assertSippSucceeded();
    }

    private static void assertFailedWith(Call call, int status) {
        Throwable t = catchThrowable(() -> call.answered().get());
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(CallFailedException.class);
        assertThat(((CallFailedException) t.getCause()).status()).isEqualTo(status);
    }
}
