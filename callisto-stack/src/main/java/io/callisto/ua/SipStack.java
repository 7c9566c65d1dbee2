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
import java.io.IOException;
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
}
