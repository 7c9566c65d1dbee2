package io.callisto.server.registrar;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.exec.Scheduler;
import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.registrar.internal.AorQueues;
import io.callisto.server.registrar.internal.BindingMerge;
import io.callisto.server.registrar.internal.ExpirySweep;
import io.callisto.server.registrar.internal.RegisterParser;
import io.callisto.server.registrar.internal.RegisterRequest;
import io.callisto.server.registrar.internal.Rejected;
import io.callisto.server.registrar.internal.Rejection;
import io.callisto.server.registrar.internal.Responses;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.ServerTransaction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar (RFC 3261 §10.3, RFC 3327 Path, RFC 5626 §6 outbound): turns REGISTER requests into changes of
 * the {@link LocationStore} and answers them.
 *
 * <p>Threads. {@link #onRegister} runs on the transaction's owner (its Call-ID's): it validates the request and
 * reduces it to an immutable change. The change then runs on the AoR's owner ({@code owners.ownerOf(aor)}),
 * queued behind any earlier change of the same AoR, so two REGISTERs for one AoR arriving on different owners
 * never interleave their read-modify-write. The store's future is awaited without blocking; the response goes
 * back to the transaction's owner and is sent only once the store says the change is durable. A failed write is
 * answered 500; a write that takes longer than {@link RegistrarConfig#storeTimeout()} is answered 500 too.
 *
 * <p>Expired bindings are removed by a timer on {@code scheduler} between {@link #start()} and {@link #stop()}.
 */
public final class Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    /** How many REGISTERs may wait behind a running one for the same AoR before 503 is answered. */
    private static final int MAX_QUEUED_PER_AOR = 16;

    private final RegistrarConfig config;
    private final LocationStore store;
    private final Owners owners;
    private final LongSupplier wallClock;
    private final AorQueues queues;
    private final ExpirySweep sweep;

    /**
     * A registrar writing to {@code store}.
     *
     * @param owners          the stack's owners (the transaction's and the AoR's threads)
     * @param scheduler       runs the expiry sweep
     * @param wallClockMillis epoch milliseconds, for binding expiry times and the Date header
     */
    public Registrar(RegistrarConfig config, LocationStore store, Owners owners, Scheduler scheduler,
            LongSupplier wallClockMillis) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.wallClock = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
        this.queues = new AorQueues(owners, MAX_QUEUED_PER_AOR);
        this.sweep = new ExpirySweep(store, Objects.requireNonNull(scheduler, "scheduler"), wallClockMillis,
                config.sweepInterval().toMillis());
    }

    /** Starts the timer that removes expired bindings every {@link RegistrarConfig#sweepInterval()}. */
    public void start() {
        sweep.start();
    }

    /** Stops the expiry timer. REGISTERs still in progress are answered. */
    public void stop() {
        sweep.stop();
    }

    /**
     * Handles a REGISTER whose Request-URI is in one of our domains, after digest authentication. Call on the
     * transaction's owner. The transaction is answered later, on the same owner, once the change is durable (or
     * at once when the request is refused).
     *
     * @param authenticatedUser the digest username the request was authenticated as, or null when authentication
     *                          is off (then any AoR of our domains may be registered, §10.3 step 3)
     */
    public void onRegister(ServerTransaction tx, String authenticatedUser) {
        SipRequest request = tx.request();
        if (request == null) {
            return; // already answered: the transaction let go of its request
        }
        RegisterRequest change;
        try {
            change = RegisterParser.parse(request, tx.flow(), authenticatedUser, config);
        } catch (Rejected r) {
            log(request, tx, r.rejection);
            respond(tx, Responses.error(request, r.rejection));
            return;
        } catch (ParseError e) {
            LOG.debug("registrar: 400 for malformed REGISTER from {}: {}", tx.flow(), e.reason());
            respond(tx, Responses.error(request, Rejection.of(400, "Bad Request (malformed header)")));
            return;
        } catch (RuntimeException e) {
            LOG.warn("registrar: REGISTER from {} failed: {}", tx.flow(), e.toString(), e);
            respond(tx, Responses.error(request, Rejection.of(500, "Server Internal Error")));
            return;
        }
        Owner txOwner = owners.ownerOf(change.callId());
        Pending pending = new Pending(tx, request, change, txOwner);
        Owner aorOwner = queues.ownerOf(change.aor());
        aorOwner.run(() -> enqueue(pending, aorOwner));
    }

    /** On the AoR's owner: queue the change and arm its deadline. */
    private void enqueue(Pending p, Owner aorOwner) {
        p.deadline = aorOwner.schedule(config.storeTimeout().toMillis(), () -> {
            LOG.warn("registrar: no durable answer from the store for {} within {} ms; 500 sent",
                    p.change.aor(), config.storeTimeout().toMillis());
            p.answer(Rejection.of(500, "Server Internal Error (registration store timeout)"), null, 0);
        });
        boolean queued = queues.submit(p.change.aor(), () -> apply(p, aorOwner));
        if (!queued) {
            LOG.warn("registrar: too many REGISTERs waiting for {}; 503 sent", p.change.aor());
            p.answer(new Rejection(503, "Service Unavailable (registrar busy)",
                    List.<String[]>of(new String[] {"Retry-After", "5"})), null, 0);
        }
    }

    /** On the AoR's owner, when the change's turn comes: merge, write, and answer once the write is durable. */
    private CompletableFuture<?> apply(Pending p, Owner aorOwner) {
        if (p.answered) {
            return null; // timed out while it waited
        }
        long now = wallClock.getAsLong();
        BindingMerge.Result m = BindingMerge.merge(p.change, store.lookup(p.change.aor()), now, config.nodeId(),
                config.maxBindingsPerAor());
        if (m.rejection() != null) {
            p.answer(m.rejection(), null, now);
            return null;
        }
        if (m.noChange()) {
            p.answer(null, m.result(), now);
            return null;
        }
        CompletableFuture<Void> write;
        try {
            write = store.update(p.change.aor(), m.upserts(), m.removals(), aorOwner);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        write.whenComplete((v, err) -> aorOwner.run(() -> {
            if (err != null) {
                LOG.warn("registrar: storing the bindings of {} failed: {}", p.change.aor(), err.toString());
                p.answer(Rejection.of(500, "Server Internal Error (registration not stored)"), null, now);
            } else {
                p.answer(null, m.result(), now);
            }
            done.complete(null);
        }));
        return done;
    }

    private void log(SipRequest request, ServerTransaction tx, Rejection r) {
        if (r.status() == 403 || r.status() == 439 || r.status() == 421) {
            LOG.info("registrar: {} {} for REGISTER To {} from {}", r.status(), r.reason(),
                    request.header("To"), tx.flow());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("registrar: {} {} for REGISTER from {}", r.status(), r.reason(), tx.flow());
        }
    }

    private static void respond(ServerTransaction tx, SipResponse response) {
        try {
            tx.respond(response);
        } catch (RuntimeException e) {
            LOG.warn("registrar: sending {} failed: {}", response.startLine(), e.toString());
        }
    }

    /** One REGISTER in flight. {@code answered} and {@code deadline} are touched only on the AoR's owner. */
    private static final class Pending {
        final ServerTransaction tx;
        final SipRequest request;
        final RegisterRequest change;
        final Owner txOwner;
        boolean answered;
        Cancellable deadline;

        Pending(ServerTransaction tx, SipRequest request, RegisterRequest change, Owner txOwner) {
            this.tx = tx;
            this.request = request;
            this.change = change;
            this.txOwner = txOwner;
        }

        /** Sends the rejection, or the 200 listing {@code bindings}, once; later answers are ignored. */
        void answer(Rejection rejection, List<Binding> bindings, long now) {
            if (answered) {
                return;
            }
            answered = true;
            if (deadline != null) {
                deadline.cancel();
            }
            txOwner.run(() -> respond(tx, rejection != null ? Responses.error(request, rejection)
                    : Responses.ok(request, change, bindings, now)));
        }
    }
}
