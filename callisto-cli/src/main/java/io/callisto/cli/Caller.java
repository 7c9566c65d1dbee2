package io.callisto.cli;

import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.UserAgent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places {@code count} calls, at most {@code parallel} at a time; each is hung up {@code durationMs} after it is
 * answered. A call counts as clean when it was answered and ended by our BYE or the peer's.
 */
final class Caller {

    private final UserAgent ua;
    private final EventPrinter out;
    private final boolean quiet;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger clean = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private CountDownLatch done;

    private final boolean lateOffer;
    private final UaMedia media;

    Caller(UserAgent ua, EventPrinter out, boolean quiet, boolean lateOffer, UaMedia media) {
        this.media = media;
        this.ua = ua;
        this.out = out;
        this.quiet = quiet;
        this.lateOffer = lateOffer;
    }

    boolean run(String uri, int count, int parallel, long durationMs) throws InterruptedException {
        done = new CountDownLatch(count);
        for (int i = 0; i < Math.min(parallel, count); i++) {
            next(uri, count, durationMs);
        }
        // Bounded: each call may take its duration plus a full INVITE timeout (Timer B) and a BYE timeout.
        long bound = (long) Math.ceil((double) count / parallel) * (durationMs + 70_000L);
        boolean finished = done.await(bound, TimeUnit.MILLISECONDS);
        out.event("summary", "calls", String.valueOf(started.get()), "answered", String.valueOf(answered.get()),
                "clean", String.valueOf(clean.get()), "failed", String.valueOf(failed.get()));
        return finished && clean.get() == count;
    }

    private void next(String uri, int count, long durationMs) {
        if (started.incrementAndGet() > count) {
            started.decrementAndGet();
            return;
        }
        if (media == null) {
            Call call = ua.call(uri, lateOffer ? null : CliSdp.offer(),
                    e -> onEvent(e.call(), e, uri, count, durationMs));
            call.answerOffersWith(CliSdp.answerer(CliSdp.CALLER_PORT));
            return;
        }
        media.open().whenComplete((m, err) -> {
            if (err != null) {
                out.event("ended", "call", "-", "status", "0", "reason", "no media port: " + err.getMessage());
                failed.incrementAndGet();
                done.countDown();
                return;
            }
            Call call = ua.call(uri, lateOffer ? null : m.offer(), e -> onEvent(e.call(), e, uri, count, durationMs));
            media.follow(m, call, call.callId());
        });
    }

    private void onEvent(Call call, CallEvent e, String uri, int count, long durationMs) {
        if (e.type() != CallEvent.Type.STATE_CHANGED) {
            return;
        }
        if (e.state() == CallState.CONFIRMED) {
            answered.incrementAndGet();
            if (!quiet) {
                out.event("answered", "call", call.callId(), "status", String.valueOf(e.status()));
            }
            CompletableFutures.delay(durationMs, call::hangup);
        } else if (e.state() == CallState.TERMINATED) {
            boolean wasAnswered = call.answered().isDone() && !call.answered().isCompletedExceptionally();
            boolean ok = wasAnswered && (e.status() == 0 || e.status() == 200);
            (ok ? clean : failed).incrementAndGet();
            if (!quiet || !ok) {
                out.event("ended", "call", call.callId(), "status", String.valueOf(e.status()), "reason", e.reason());
            }
            done.countDown();
            next(uri, count, durationMs);
        } else if (!quiet) {
            out.event(e.state().name().toLowerCase(), "call", call.callId(), "status", String.valueOf(e.status()));
        }
    }

}
