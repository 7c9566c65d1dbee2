package io.callisto.ua;

import io.callisto.exec.Owners;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.TransportLayer;
import io.callisto.exec.EventLoopOwners;
import io.callisto.transport.NettyTransportLayer;
import io.callisto.transport.dns.DnsSettings;
import io.callisto.transport.dns.ServerLocator;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running SIP stack: the transport layer, the owners (threads) that run transactions and dialogs, and the
 * transaction layer, with one transaction user on top (a {@link UserAgent}, or a proxy). Messages are read on the
 * transport's I/O threads and handed to the owner of their Call-ID, where the transaction layer and the TU run.
 */
public final class SipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipStack.class);

    private final TransportLayer transport;
    private final Owners owners;
    private final TimerConfig timers;
    private final TransactionLayer transactions;
    private final Runnable onClose;
    private volatile TransactionUser user = NoUser.INSTANCE;
    private volatile ServerLocator locator;

    /**
     * A stack over an existing transport and owners. {@code onClose} runs after the transport closes (e.g. shutting
     * down the event loops), may be null.
     */
    public SipStack(TransportLayer transport, Owners owners, TimerConfig timers, Runnable onClose) {
        this.transport = transport;
        this.owners = owners;
        this.timers = timers;
        this.onClose = onClose;
        this.transactions = new TransactionLayer(transport, owners, timers, new Delegate());
        transport.setHandler(this::dispatch);
    }

    /** A builder for a stack on the Netty transports. */
    public static Builder builder() {
        return new Builder();
    }

    private void dispatch(SipMessage message, Flow flow) {
        String callId;
        try {
            callId = message.callId();
        } catch (ParseError e) {
            LOG.debug("dropping a message without a readable Call-ID from {}: {}", flow, e.getMessage());
            return;
        }
        owners.ownerOf(callId).run(() -> {
            try {
                transactions.onMessage(message, flow);
            } catch (RuntimeException e) {
                LOG.warn("error handling a message from {}", flow, e);
            }
        });
    }

    /** Binds the listening points. */
    public SipStack start() throws IOException {
        transport.start();
        return this;
    }

    /** Installs the transaction user; a stack has one. */
    public void setUser(TransactionUser user) {
        this.user = user;
    }

    public TransportLayer transport() {
        return transport;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    public Owners owners() {
        return owners;
    }

    public TimerConfig timers() {
        return timers;
    }

    /**
     * The RFC 3263 locator requests are routed with: the Netty transport's own (its DNS settings, one of its event
     * loops), else one installed with {@link #setLocator}, else the process-wide {@link ServerLocator#shared()}.
     */
    public ServerLocator locator() {
        ServerLocator l = locator;
        if (l != null) {
            return l;
        }
        if (transport instanceof NettyTransportLayer netty) {
            return netty.locator();
        }
        return ServerLocator.shared();
    }

    /** Installs the locator to route requests with (tests: a fixed zone); call before sending. */
    public void setLocator(ServerLocator locator) {
        this.locator = locator;
    }

    /** The bound listening points (actual ports once started). */
    public List<ListeningPoint> listeningPoints() {
        return transport.listeningPoints();
    }

    @Override
    public void close() {
        transport.close();
        if (onClose != null) {
            onClose.run();
        }
    }

    private final class Delegate implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction transaction) {
            user.onRequest(transaction);
        }

        @Override
        public void onAck(SipRequest ack, Flow flow) {
            user.onAck(ack, flow);
        }

        @Override
        public void onStrayResponse(SipResponse response, Flow flow) {
            user.onStrayResponse(response, flow);
        }
    }

    /** Before a TU is installed: answer everything 503 so peers retry elsewhere. */
    private enum NoUser implements TransactionUser {
        INSTANCE;

        @Override
        public void onRequest(ServerTransaction transaction) {
            if (!transaction.request().isMethod("ACK")) {
                transaction.respond(io.callisto.sip.message.Messages.responseTo(transaction.request(), 503));
            }
        }

        @Override
        public void onAck(SipRequest ack, Flow flow) {
        }

        @Override
        public void onStrayResponse(SipResponse response, Flow flow) {
        }
    }

    /**
     * Builds a stack on {@link NettyTransportLayer}: its event loops do the I/O and are also the owners on which
     * transactions and dialogs run (one loop per Call-ID).
     */
    public static final class Builder {
        private final TransportConfig.Builder transport = TransportConfig.builder();
        private TimerConfig timers = TimerConfig.DEFAULT;
        private boolean listening;

        Builder() {
        }

        /** Adds a listening point; port 0 picks a free port. Several are allowed (e.g. UDP and TCP on one port). */
        public Builder listen(Transport t, InetSocketAddress address) {
            transport.listen(t, address);
            listening = true;
            return this;
        }

        /** Adds a listening point that advertises {@code host} in Via and Contact (e.g. a public name). */
        public Builder listen(Transport t, InetSocketAddress address, String advertisedHost) {
            transport.listen(t, address, advertisedHost);
            listening = true;
            return this;
        }

        /**
         * TLS: our certificate chain and private key (PEM), and the CA that peers' certificates must chain to; a null
         * {@code ca} accepts any peer certificate (development only).
         */
        public Builder tls(Path certificatePem, Path privateKeyPem, Path ca) {
            if (certificatePem != null && privateKeyPem != null) {
                transport.tlsCertificate(certificatePem, privateKeyPem);
            }
            if (ca != null) {
                transport.tlsTrustedCa(ca);
            } else {
                transport.tlsTrustAll(true);
            }
            return this;
        }

        public Builder timers(TimerConfig timers) {
            this.timers = timers;
            return this;
        }

        /** Event-loop threads (default: one per processor). */
        public Builder threads(int n) {
            transport.ioThreads(n);
            return this;
        }

        /** TESTING ONLY: drop this fraction of UDP datagrams in both directions (seeded). */
        public Builder udpLoss(double rate, long seed) {
            transport.udpLossRate(rate, seed);
            return this;
        }

        /** DNS settings for RFC 3263 location (name servers, cache); default: the system's name servers. */
        public Builder dns(DnsSettings settings) {
            transport.dns(settings);
            return this;
        }

        /** Further transport settings (limits, keep-alives, timeouts). */
        public Builder transport(java.util.function.Consumer<TransportConfig.Builder> settings) {
            settings.accept(transport);
            return this;
        }

        /** The stack, not yet listening: call {@link SipStack#start()}. */
        public SipStack build() {
            if (!listening) {
                throw new IllegalStateException("a stack needs at least one listening point");
            }
            NettyTransportLayer layer = new NettyTransportLayer(transport.build());
            return new SipStack(layer, new EventLoopOwners(layer.eventLoopGroup()), timers, null);
        }
    }
}
