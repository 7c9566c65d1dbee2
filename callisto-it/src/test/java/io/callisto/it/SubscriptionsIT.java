package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.uri.Uri;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallState;
import io.callisto.ua.IncomingSubscription;
import io.callisto.ua.Notification;
import io.callisto.ua.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions (RFC 6665) and transfers (RFC 3515, RFC 3891) over real UDP sockets on loopback: Callisto UAs in
 * this JVM subscribe to each other and transfer calls among three; {@code callisto ua --subscribe} subscribes to
 * SIPp playing a notifier ({@code uas-notify.xml}).
 */
class SubscriptionsIT {

    private static final Body OPEN = Body.of("application/pidf+xml", "<basic>open</basic>");

    @Test
    void aCallistoSubscriberFollowsACallistoNotifier() throws Exception {
        try (LocalUa notifier = LocalUa.start(); LocalUa subscriber = LocalUa.start()) {
            CompletableFuture<IncomingSubscription> incoming = new CompletableFuture<>();
            notifier.ua.onSubscribe("presence", s -> {
                s.accept(OPEN);
                incoming.complete(s);
            });
            List<Notification> notes = new CopyOnWriteArrayList<>();
            CompletableFuture<Notification> second = new CompletableFuture<>();
            Subscription s = subscriber.ua.subscribe("sip:bob@127.0.0.1:" + notifier.port(), "presence",
                    "application/pidf+xml", 600);
            s.addListener(n -> {
                notes.add(n);
                if (notes.size() == 2) {
                    second.complete(n);
                }
            });
            IncomingSubscription atNotifier = LocalUa.await(incoming, 10, "the SUBSCRIBE");
            atNotifier.notify(Body.of("application/pidf+xml", "<basic>closed</basic>"), Subscription.State.ACTIVE);
            assertThat(LocalUa.await(second, 10, "the second NOTIFY").body().text()).contains("closed");
            assertThat(notes.get(0).body()).isEqualTo(OPEN);
            assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);

            s.unsubscribe();
            assertThat(LocalUa.await(s.terminated(), 10, "the final NOTIFY").reason()).isEqualTo("timeout");
            assertThat(LocalUa.await(atNotifier.terminated(), 10, "the notifier's end")).isEqualTo("timeout");
            assertThat(LocalUa.await(subscriber.ua.subscribe("sip:bob@127.0.0.1:" + notifier.port(), "dialog", null,
                    60).terminated(), 10, "489").reason()).isEqualTo("489");
        }
    }

    @Test
    void blindAndAttendedTransfersAmongThreeUas() throws Exception {
        try (LocalUa alice = LocalUa.start(); LocalUa bob = LocalUa.start(); LocalUa carol = LocalUa.start()) {
            List<Call> atBob = new CopyOnWriteArrayList<>();
            List<Call> atCarol = new CopyOnWriteArrayList<>();
            bob.ua.onIncomingCall(c -> {
                atBob.add(c);
                c.onRefer(r -> r.acceptAndCall(LocalUa.OFFER));
                c.answer(LocalUa.OFFER);
            });
            carol.ua.onIncomingCall(c -> {
                atCarol.add(c);
                c.answer(LocalUa.OFFER);
            });
            String carolUri = "sip:carol@127.0.0.1:" + carol.port();

            // Blind: alice calls bob and refers him to carol; bob's new call to carol is answered.
            Call aliceBob = alice.ua.call("sip:bob@127.0.0.1:" + bob.port(), LocalUa.OFFER);
            LocalUa.await(aliceBob.answered(), 10, "alice-bob");
            Subscription blind = aliceBob.refer(Uri.parse(carolUri));
            List<Integer> frags = new CopyOnWriteArrayList<>();
            blind.addListener(n -> frags.add(n.sipfragStatus()));
            LocalUa.await(blind.terminated(), 10, "the blind transfer's final NOTIFY");
            assertThat(frags).startsWith(100).endsWith(200);
            aliceBob.hangup();
            LocalUa.await(aliceBob.ended(), 10, "alice hangs up");
            assertThat(atCarol).hasSize(1);
            LocalUa.await(atCarol.get(0).answered(), 10, "bob-carol");

            // Attended: alice calls bob again and consults carol; bob's INVITE with Replaces takes carol's call.
            Call again = alice.ua.call("sip:bob@127.0.0.1:" + bob.port(), LocalUa.OFFER);
            Call consult = alice.ua.call(carolUri, LocalUa.OFFER);
            LocalUa.await(again.answered(), 10, "alice-bob again");
            LocalUa.await(consult.answered(), 10, "alice-carol");
            Subscription attended = again.refer(Uri.parse(carolUri), consult);
            LocalUa.await(attended.terminated(), 10, "the attended transfer's final NOTIFY");
            assertThat(attended.reason()).isEqualTo("noresource");
            again.hangup();
            LocalUa.await(consult.ended(), 10, "the consultation call is replaced (BYE from carol)");
            LocalUa.await(again.ended(), 10, "alice hangs up");
            Call replacing = atCarol.get(atCarol.size() - 1);
            assertThat(replacing.replaces()).isSameAs(atCarol.get(1));
            assertThat(LocalUa.await(replacing.answered(), 10, "bob-carol (replacing)").state())
                    .isEqualTo(CallState.CONFIRMED);
            assertThat(alice.ua.activeCalls()).isZero();
            assertThat(carol.ua.activeCalls()).as("the first transfer's call and the replacing one").isEqualTo(2);
        }
    }

    /** {@code callisto ua --subscribe} against SIPp as notifier: both NOTIFYs printed, exit 0 on noresource. */
    @Test
    void theCliSubscribesToSippAndPrintsEachNotify(@TempDir Path dir) throws Exception {
        int sippPort = Sipp.freeUdpPort();
        Process sipp = Sipp.start(dir, "-sf", Sipp.scenario("uas-notify.xml"), "-i", "127.0.0.1", "-p",
                Integer.toString(sippPort), "-mp", Integer.toString(Sipp.freeUdpPort()), "-m", "1",
                "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString());
        try {
            Sipp.awaitUdpBound(sipp, sippPort, 10);
            try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--subscribe",
                    "sip:presentity@127.0.0.1:" + sippPort, "--event", "presence", "--expires", "600",
                    "--accept", "application/pidf+xml")) {
                assertThat(ua.awaitExit(40)).as("callisto said:\n%s%s", ua.stdout(), ua.stderr()).isZero();
                List<UaEvent> notifies = ua.events("notify");
                assertThat(notifies).hasSize(2);
                assertThat(notifies.get(0).get("state")).isEqualTo("active");
                assertThat(notifies.get(0).get("expires")).isEqualTo("600");
                assertThat(notifies.get(0).get("body")).contains("<basic>open</basic>");
                assertThat(notifies.get(1).get("state")).isEqualTo("terminated");
                assertThat(notifies.get(1).get("reason")).isEqualTo("noresource");
                assertThat(ua.last("terminated").get("reason")).isEqualTo("noresource");
                assertThat(ua.stackWarnings()).isEmpty();
            }
            Path out = dir.resolve("sipp-output.txt");
            assertThat(Sipp.awaitExit(sipp, out, 40)).as("sipp:\n%s\n%s", Sipp.tail(out),
                    Sipp.tail(dir.resolve("sipp-errors.log"))).isZero();
        } finally {
            Sipp.stop(sipp);
        }
    }
}
