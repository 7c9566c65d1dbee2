package io.callisto.server.testing;

import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.exec.VirtualTime;
import io.callisto.server.registrar.Registrar;
import io.callisto.server.registrar.RegistrarConfig;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A registrar on real server transactions: requests go through a {@link TransactionLayer} over a recording
 * transport, owners are {@link VirtualTime}s (one, or several to put the transaction and the AoR on different
 * owners), the store is a {@link ControlledStore} on a wall clock the test moves.
 */
public final class ServerHarness {

    public static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    public static final InetSocketAddress UA = new InetSocketAddress("192.0.2.4", 5060);
    public static final Flow UDP = new Flow(Transport.UDP, LOCAL, UA, 0);
    public static final Flow TCP = new Flow(Transport.TCP, LOCAL, new InetSocketAddress("192.0.2.4", 40312), 17);

    public final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    public final ControlledStore store = new ControlledStore(wall::get);
    public final RecordingTransport transport = new RecordingTransport();
    public final VirtualTime[] times;
    public final Owners owners;
    public final TransactionLayer layer;
    public final Registrar registrar;
    /** The username the dispatcher says the request was authenticated as (null: authentication off). */
    public String authenticatedUser;
    /** What the TU does with a request; REGISTERs go to the registrar unless changed. */
    public Consumer<ServerTransaction> dispatch;

    /** One owner. */
    public ServerHarness(RegistrarConfig config) {
        this(config, 1);
    }

    /** {@code n} owners, each a {@link VirtualTime}; the first also runs the expiry sweep. */
    public ServerHarness(RegistrarConfig config, int n) {
        times = new VirtualTime[n];
        for (int i = 0; i < n; i++) {
            times[i] = new VirtualTime();
        }
        owners = n == 1 ? times[0] : new Owners() {
            @Override
            public int size() {
                return times.length;
            }

            @Override
            public Owner get(int index) {
                return times[index];
            }
        };
        registrar = new Registrar(config, store, owners, times[0], wall::get);
        dispatch = tx -> registrar.onRegister(tx, authenticatedUser);
        layer = new TransactionLayer(transport, owners, TimerConfig.DEFAULT, new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                dispatch.accept(transaction);
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
            }

            @Override
            public void onStrayResponse(SipResponse response, Flow flow) {
            }
        });
    }

    /** Queues {@code request} on its Call-ID's owner, as the stack does; nothing runs yet. */
    public void deliver(SipRequest request, Flow flow) {
        owners.ownerOf(request.callId()).execute(() -> layer.onMessage(request, flow));
    }

    /** Runs queued work on every owner until all are idle (bounded rounds). */
    public void runAll() {
        for (int round = 0; round < 20; round++) {
            for (VirtualTime t : times) {
                t.runPending();
            }
        }
    }

    /** Delivers over UDP, runs everything, and returns the response sent for it, or null when none was. */
    public SipResponse send(Reg reg) {
        return send(reg.build(), UDP);
    }

    /** Delivers on {@code flow}, runs everything, and returns the response sent for it, or null. */
    public SipResponse send(SipRequest request, Flow flow) {
        int before = transport.responses.size();
        deliver(request, flow);
        runAll();
        List<SipResponse> rs = transport.responses;
        return rs.size() > before ? rs.get(rs.size() - 1) : null;
    }

    /**
     * Moves the virtual clocks and the wall clock forward together by {@code millis}: timers run in order, each
     * seeing the wall clock at its own due time.
     */
    public void advance(long millis) {
        long now = times[0].nowMillis();
        long target = now + millis;
        while (true) {
            long next = -1;
            for (VirtualTime t : times) {
                long due = t.nextDue();
                if (due >= 0 && due <= target && (next < 0 || due < next)) {
                    next = due;
                }
            }
            if (next < 0) {
                break;
            }
            step(Math.max(next, now));
            now = times[0].nowMillis();
        }
        step(target);
    }

    private void step(long to) {
        wall.addAndGet(to - times[0].nowMillis());
        for (VirtualTime t : times) {
            t.advanceTo(to);
        }
        runAll();
    }
}
