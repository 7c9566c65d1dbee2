package io.callisto.transport.internal;

import io.callisto.transport.Destination;
import io.callisto.transport.dns.ServerLocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * Turns a response target into an address for §18.2.2. IP literals (the usual case: {@code received} is always
 * one) are read at once; a host name goes through RFC 3263 §5 on the {@link ServerLocator}: with a port, its
 * A/AAAA records; without (a Via sent-by without port), SRV for the Via's transport first. The first target is
 * used; failing over to the next ones for responses (§5's last paragraph) is not done.
 */
public final class Resolver {

    private Resolver() {
    }

    /**
     * Calls {@code ok} with the address, or {@code fail} with the reason; either may run later, on the resolver's
     * event loop. {@code portGiven} is false when the sent-by named no port ({@code target.port()} is then the
     * transport's default).
     */
    public static void resolve(ServerLocator locator, ResponseTarget target, boolean portGiven,
                               Consumer<InetSocketAddress> ok, Consumer<Throwable> fail) {
        InetAddress literal = IpLiterals.parse(target.host());
        if (literal != null) {
            ok.accept(new InetSocketAddress(literal, target.port()));
            return;
        }
        locator.locateSentBy(target.transport(), target.host(), portGiven ? target.port() : 0)
                .whenComplete((targets, err) -> {
                    if (err != null) {
                        fail.accept(err);
                    } else if (targets.isEmpty()) {
                        fail.accept(new UnknownHostException("no address for " + target.host()));
                    } else {
                        Destination first = targets.get(0);
                        ok.accept(first.address());
                    }
                });
    }
}
