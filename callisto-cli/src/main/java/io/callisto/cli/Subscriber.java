package io.callisto.cli;

import io.callisto.ua.Notification;
import io.callisto.ua.Subscription;
import io.callisto.ua.UserAgent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code callisto ua --subscribe URI --event NAME}: subscribes (RFC 6665), prints every NOTIFY (state, expires,
 * reason, body) and ends when the subscription terminates, after {@code --duration-ms} (then it unsubscribes and waits
 * for the final NOTIFY), or on Ctrl-C (likewise).
 */
final class Subscriber {

    private final UserAgent ua;
    private final EventPrinter out;

    Subscriber(UserAgent ua, EventPrinter out) {
        this.ua = ua;
        this.out = out;
    }

    /**
     * @param durationMs how long to stay subscribed, or 0 for until the notifier ends it (or Ctrl-C)
     * @param waitMs     how long to wait for the final NOTIFY after unsubscribing
     * @return true when the subscription was active at some point and ended cleanly
     */
    boolean run(String target, String event, String accept, int expires, long durationMs, long waitMs)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        boolean[] active = {false};
        Subscription s = ua.subscribe(target, event, accept, expires);
        s.onFork(f -> watch(f, active, null));
        watch(s, active, done);
        Thread hook = new Thread(() -> {
            s.unsubscribe();
            await(s, waitMs);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (durationMs > 0) {
                if (!done.await(durationMs, TimeUnit.MILLISECONDS)) {
                    s.unsubscribe();
                    await(s, waitMs);
                }
            } else {
                done.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it unsubscribes
            }
        }
        String reason = s.reason();
        return active[0] && reason != null && !reason.chars().allMatch(Character::isDigit);
    }

    private void watch(Subscription s, boolean[] active, CountDownLatch done) {
        s.addListener(n -> print(n, active));
        s.terminated().thenAccept(t -> {
            out.event("terminated", "call", t.callId(), "reason", t.reason());
            if (done != null) {
                done.countDown();
            }
        });
    }

    private void print(Notification n, boolean[] active) {
        if (n.state().isActive()) {
            active[0] = true;
        }
        long expires = n.state().expires();
        out.event("notify", "call", n.subscription().callId(), "state", n.state().state(),
                "expires", expires < 0 ? null : String.valueOf(expires), "reason", n.state().reason(),
                "type", n.body() == null ? null : n.body().type().toString(),
                "body", n.body() == null ? null : n.body().text().strip());
    }

    private static void await(Subscription s, long waitMs) {
        try {
            s.terminated().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // gone without a final NOTIFY: nothing more to print
        }
    }
}
