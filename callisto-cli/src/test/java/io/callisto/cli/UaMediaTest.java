package io.callisto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.call.CallMedia;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link UaMedia} with a real media engine on loopback and calls that end without ever being set up (a stand-in
 * {@link Call} whose end the test decides): each call gets one {@code media} line naming it as given, and a UA that
 * has had many calls keeps no report of the calls that are over.
 */
class UaMediaTest {

    private static final int CALLS = 20;

    @Test
    void keepsNoReportOfTheCallsThatEnded() throws Exception {
        StringWriter text = new StringWriter();
        EventPrinter out = new EventPrinter(new PrintWriter(text));
        try (UaMedia media = UaMedia.start("silence", null, "off", "43000-43199", InetAddress.getLoopbackAddress(),
                out)) {
            List<CompletableFuture<CallEvent>> ends = new ArrayList<>();
            for (int i = 1; i <= CALLS; i++) {
                CallMedia m = media.open().get(10, TimeUnit.SECONDS);
                CompletableFuture<CallEvent> ended = new CompletableFuture<>();
                media.follow(m, call("call-id-" + i, ended), String.valueOf(i));
                ends.add(ended);
            }
            assertThat(media.pendingReports()).isEqualTo(CALLS); // none has ended: all reports are still to come
            ends.forEach(e -> e.complete(null));

            awaitReports(media);
            assertThat(media.pendingReports()).as(text.toString()).isZero();
            List<String> lines = text.toString().lines().filter(l -> l.matches("\\d+ media .*")).toList();
            assertThat(lines).hasSize(CALLS);
            for (int i = 1; i <= CALLS; i++) {
                String name = " call=" + i + " ";
                assertThat(lines).as("the media line of call " + i).anyMatch(l -> l.contains(name));
            }
            assertThat(text.toString()).doesNotContain("call-id-");
        }
    }

    /** Waits (at most 10 s) until the reports of every call are written and dropped. */
    private static void awaitReports(UaMedia media) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (media.pendingReports() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** A call that is only ever ended: what {@link UaMedia#follow} and {@link CallMedia#attach} ask of it. */
    private static Call call(String callId, CompletableFuture<CallEvent> ended) {
        return (Call) Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[] {Call.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "callId" -> callId;
                    case "ended" -> ended;
                    case "toString" -> "call " + callId;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    // answerOffersWith, addListener: the call never negotiates, so nothing to hook
                    default -> null;
                });
    }
}
