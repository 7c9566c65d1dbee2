package io.callisto.server.redirect;

import io.callisto.server.location.Aors;
import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.registrar.ContactValues;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ServerTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redirect server (RFC 3261 §8.3): answers each request for one of our domains with the locations the location
 * service holds for its Request-URI, and never proxies. One binding gives 302 (Moved Temporarily, §21.3.3),
 * several give 300 (Multiple Choices, §21.3.1), each listed in a Contact with its q-value and the seconds it
 * stays valid (expires), highest q first. No binding gives 404. Unknown option tags in Require are ignored (§8.3).
 *
 * <p>Reads are from the store's memory and never block, so {@link #onRequest} answers at once on the
 * transaction's owner. Stateless apart from the store; thread-safe.
 */
public final class RedirectServer {

    private static final Logger LOG = LoggerFactory.getLogger(RedirectServer.class);

    private final LocationStore store;
    private final LongSupplier wallClock;

    /** A redirect server reading {@code store}, with the system clock for the expires parameters. */
    public RedirectServer(LocationStore store) {
        this(store, System::currentTimeMillis);
    }

    /** A redirect server reading {@code store}, with {@code wallClockMillis} (epoch ms) for the expires values. */
    public RedirectServer(LocationStore store, LongSupplier wallClockMillis) {
        this.store = Objects.requireNonNull(store, "store");
        this.wallClock = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
    }

    /**
     * Answers a request whose Request-URI is in one of our domains. Call on the transaction's owner. ACK is not
     * answered (the dispatcher handles it); a CANCEL gets 200 when it matched a transaction, else 481 (§9.2).
     */
    public void onRequest(ServerTransaction tx) {
        SipRequest request = tx.request();
        if (request == null || request.isMethod("ACK")) {
            return;
        }
        try {
            if (request.isMethod("CANCEL")) {
                // §8.3: every request was already answered with a final response; the CANCEL itself gets 200
                send(tx, tx.cancelTarget() != null ? response(request, 200, "OK")
                        : response(request, 481, "Call/Transaction Does Not Exist"));
                return;
            }
            send(tx, redirect(request));
        } catch (RuntimeException e) {
            LOG.warn("redirect: {} failed: {}", request.startLine(), e.toString());
            send(tx, response(request, 500, "Server Internal Error"));
        }
    }

    private SipResponse redirect(SipRequest request) {
        Uri target;
        try {
            target = request.requestUri();
        } catch (ParseError e) {
            return response(request, 400, "Bad Request (malformed Request-URI)");
        }
        String aor = Aors.canonical(target);
        if (aor == null) {
            return response(request, 404, "Not Found");
        }
        List<Binding> targets = targets(store.lookup(aor), target);
        if (targets.isEmpty()) {
            return response(request, 404, "Not Found");
        }
        SipResponse r = targets.size() == 1 ? response(request, 302, "Moved Temporarily")
                : response(request, 300, "Multiple Choices");
        long now = wallClock.getAsLong();
        for (Binding b : targets) {
            r.addHeader("Contact", ContactValues.of(b, now));
        }
        return r;
    }

    /**
     * The bindings to list, highest q first (a binding without q counts as 1), the most recent first among
     * equals; at most one per RFC 5626 instance (the most recently written, §7); never the Request-URI itself (§8.3:
     * a redirect server MUST NOT redirect to a URI equal to the Request-URI).
     */
    static List<Binding> targets(List<Binding> bindings, Uri requestUri) {
        List<Binding> sorted = new ArrayList<>(bindings);
        sorted.sort(Comparator.comparingDouble((Binding b) -> b.q() < 0 ? 1.0 : b.q()).reversed()
                .thenComparing(Comparator.comparingLong(Binding::updatedAt).reversed()));
        Set<String> instances = new HashSet<>();
        List<Binding> out = new ArrayList<>(sorted.size());
        for (Binding b : sorted) {
            if (sameAs(b.contact(), requestUri)) {
                continue;
            }
            if (b.instanceId() != null && !instances.add(b.instanceId())) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    private static boolean sameAs(String contact, Uri requestUri) {
        try {
            return Uri.parse(contact).equivalent(requestUri);
        } catch (ParseError e) {
            return false;
        }
    }

    private static SipResponse response(SipRequest request, int status, String reason) {
        String tag;
        try {
            tag = request.to() == null ? null
                    : Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        } catch (ParseError e) {
            tag = null; // a malformed To is copied as it is
        }
        return Messages.responseTo(request, status, reason, tag);
    }

    private static void send(ServerTransaction tx, SipResponse r) {
        try {
            tx.respond(r);
        } catch (RuntimeException e) {
            LOG.warn("redirect: sending {} failed: {}", r.startLine(), e.toString());
        }
    }
}
