package io.callisto.transport.internal;

import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * Turns a Via host into an address for §18.2.2. IP literals (the usual case: {@code received} is always one) are
 * read at once; a host name is looked up with the JDK resolver on Netty's global executor, never on the caller's
 * thread or an I/O thread, since the lookup blocks.
 */
public final class Resolver {

    private Resolver() {
    }

    /** Calls {@code ok} with {@code host:port} resolved, or {@code fail} with the reason; either may run later. */
    public static void resolve(String host, int port, Consumer<InetSocketAddress> ok, Consumer<Throwable> fail) {
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            ok.accept(new InetSocketAddress(literal, port));
            return;
        }
        GlobalEventExecutor.INSTANCE.execute(() -> {
            InetSocketAddress a;
            try {
                a = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException | SecurityException e) {
                fail.accept(e);
                return;
            }
            ok.accept(a);
        });
    }
}
