package io.callisto.jmh.uas;

import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.callisto.jmh.QuietStackLogger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A minimal JAIN-SIP RI UAS for the UAS load benchmark ({@code bench/ua-load.sh}); benchmark code only.
 *
 * <p>It listens on one UDP {@link ListeningPoint} and answers, all through server transactions:
 * <ul>
 *   <li>initial INVITE: 180 Ringing, then 200 OK with the same To tag, a Contact and an SDP answer (RFC 3261
 *       sections 12.1.1 and 13.3.1); the stack retransmits the 200 until the ACK arrives (13.3.1.4);</li>
 *   <li>re-INVITE inside a dialog: 200 OK with Contact and SDP; outside any dialog: 481 (12.2.2);</li>
 *   <li>ACK: absorbed (the dialog layer of the stack stops the 2xx retransmissions);</li>
 *   <li>BYE: 200 OK, which terminates the dialog (15.1.2); without a dialog: 481;</li>
 *   <li>CANCEL: 481 when no INVITE transaction matches, otherwise 200 OK, plus 487 on the INVITE while it has no
 *       final response yet (9.2);</li>
 *   <li>OPTIONS: 200 OK with Allow and Accept (11.2); any other method: 405 with Allow (8.2.1).</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.callisto.jmh.uas.JainSipUas HOST PORT}. System properties:
 * {@code uas.maxSeconds} (exit after that many seconds, default 3600, so that a forgotten process does not run
 * forever), {@code uas.statsSeconds} (period of the status line on stdout, default 5, 0 = off) and any stack
 * property (see {@link UasStackProperties}). The status line reports the counters, the live dialogs and the server
 * transaction table size, so a run shows whether dialogs are released after the BYE.
 */
public final class JainSipUas implements SipListener {
    private static final String ALLOWED = "INVITE, ACK, BYE, CANCEL, OPTIONS";
    private static final String SDP = "v=0\r\n"
            + "o=callisto-bench 1 1 IN IP4 %s\r\n"
            + "s=-\r\n"
            + "c=IN IP4 %s\r\n"
            + "t=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";

    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final ContactHeader contact;
    private final ContentTypeHeader sdpType;
    private final AllowHeader allow;
    private final AcceptHeader acceptSdp;
    private final byte[] sdp;
    /** RFC 3261 section 19.3: To tags must be unique; a random per-process prefix plus a counter is. */
    private final String tagPrefix;
    private final AtomicLong tagCounter = new AtomicLong();
    private final UasCounters counters = new UasCounters();

    /**
     * Creates the stack, the UDP listening point and the provider, and registers this UAS as the listener.
     *
     * @param host the IP address to bind (a literal, e.g. 127.0.0.1)
     * @param port the UDP port to bind
     * @throws Exception when the stack or the listening point cannot be created (for example the port is taken)
     */
    public JainSipUas(String host, int port) throws Exception {
        QuietStackLogger.install();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = factory.createSipStack(UasStackProperties.build("callisto-bench-uas", System.getProperties()));
        messages = factory.createMessageFactory();
        HeaderFactory headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        ListeningPoint lp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        contact = headers.createContactHeader(addresses.createAddress("<sip:" + host + ":" + port + ">"));
        sdpType = headers.createContentTypeHeader("application", "sdp");
        allow = headers.createAllowHeader(ALLOWED);
        acceptSdp = headers.createAcceptHeader("application", "sdp");
        sdp = String.format(SDP, host, host).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        tagPrefix = HexFormat.of().formatHex(random) + "-";
    }

    /**
     * Handles one request (see the class comment for the answers). Never throws: a failure is counted and, for the
     * first few, printed to stderr.
     *
     * @param event the request event from the stack
     */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> onInvite(event, request);
                case Request.ACK -> counters.acks.increment();
                case Request.BYE -> onBye(event, request);
                case Request.CANCEL -> onCancel(event, request);
                case Request.OPTIONS -> onOptions(event, request);
                default -> onOther(event, request);
            }
        } catch (TransactionAlreadyExistsException e) {
            // A retransmission raced with the first copy; the existing transaction answers it.
            counters.raced.increment();
        } catch (Exception e) {
            counters.error(e);
        }
    }

    private void onInvite(RequestEvent event, Request request) throws Exception {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to.getTag() != null) { // re-INVITE (RFC 3261 section 14.2)
            if (event.getDialog() == null) {
                respond(event, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                return;
            }
            respond(event, answer(request, null));
            return;
        }
        counters.invites.increment();
        ServerTransaction st = transaction(event);
        String tag = tagPrefix + Long.toString(tagCounter.incrementAndGet(), 36);
        Response ringing = messages.createResponse(Response.RINGING, request);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(tag);
        ringing.addHeader(contact);
        st.sendResponse(ringing);
        st.sendResponse(answer(request, tag));
    }

    private Response answer(Request request, String tag) throws Exception {
        Response ok = messages.createResponse(Response.OK, request, sdpType, sdp);
        if (tag != null) {
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag);
        }
        ok.addHeader(contact);
        return ok;
    }

    private void onBye(RequestEvent event, Request request) throws Exception {
        if (event.getDialog() == null) {
            respond(event, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        counters.byes.increment();
        respond(event, messages.createResponse(Response.OK, request));
    }

    private void onCancel(RequestEvent event, Request request) throws Exception {
        counters.cancels.increment();
        ServerTransaction st = transaction(event);
        SIPServerTransaction invite = st instanceof SIPServerTransaction s ? s.getCanceledInviteTransaction() : null;
        if (invite == null) {
            st.sendResponse(messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return;
        }
        st.sendResponse(messages.createResponse(Response.OK, request));
        TransactionState state = invite.getState();
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            invite.sendResponse(messages.createResponse(Response.REQUEST_TERMINATED, invite.getRequest()));
        }
    }

    private void onOptions(RequestEvent event, Request request) throws Exception {
        counters.other.increment();
        Response ok = messages.createResponse(Response.OK, request);
        ok.addHeader(allow);
        ok.addHeader(acceptSdp);
        respond(event, ok);
    }

    private void onOther(RequestEvent event, Request request) throws Exception {
        counters.other.increment();
        Response notAllowed = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
        notAllowed.addHeader(allow);
        respond(event, notAllowed);
    }

    private void respond(RequestEvent event, Response response) throws Exception {
        transaction(event).sendResponse(response);
    }

    private ServerTransaction transaction(RequestEvent event) throws Exception {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }

    /** Not used: this UAS sends no requests. @param event ignored */
    @Override
    public void processResponse(ResponseEvent event) {
    }

    /**
     * Counts a transaction timeout (for example no ACK for the 200 OK within 64*T1).
     *
     * @param event the timeout event
     */
    @Override
    public void processTimeout(TimeoutEvent event) {
        counters.timeouts.increment();
    }

    /**
     * Counts a transport failure reported by the stack.
     *
     * @param event the event
     */
    @Override
    public void processIOException(IOExceptionEvent event) {
        counters.ioErrors.increment();
    }

    /** Nothing to release: the stack owns its transactions. @param event ignored */
    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    /**
     * Counts a terminated dialog.
     *
     * @param event the event
     */
    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        counters.dialogsTerminated.increment();
    }

    /** @return one status line: the counters, the live dialogs and the server transaction table size */
    String status() {
        String tables = "";
        if (stack instanceof SIPTransactionStack s) {
            tables = " liveDialogs=" + s.getDialogs().size() + " serverTx=" + s.getServerTransactionTableSize();
        }
        Runtime rt = Runtime.getRuntime();
        return counters + tables + " heapUsedMB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20);
    }

    /** Stops the stack (closes the socket and its threads). */
    void stop() {
        stack.stop();
    }

    /**
     * Runs the UAS until it is stopped by a signal or {@code uas.maxSeconds} pass.
     *
     * @param args the IP address to bind and the UDP port
     * @throws Exception when the stack cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: JainSipUas HOST PORT   (-Duas.maxSeconds=3600 -Duas.statsSeconds=5,"
                    + " stack properties as -Dgov.nist.javax.sip.X=...)");
            System.exit(2);
        }
        long maxSeconds = Long.getLong("uas.maxSeconds", 3600);
        long statsSeconds = Long.getLong("uas.statsSeconds", 5);
        JainSipUas uas;
        try {
            uas = new JainSipUas(args[0], Integer.parseInt(args[1]));
        } catch (Exception e) {
            // The stack may already have started non-daemon threads: exit explicitly.
            System.err.println("cannot start the UAS on " + args[0] + ":" + args[1] + ": " + e);
            System.exit(1);
            return;
        }
        System.out.println("JAIN-SIP UAS listening on " + args[0] + ":" + args[1] + "/udp, java "
                + System.getProperty("java.version") + ", threads "
                + UasStackProperties.build("x", System.getProperties())
                        .getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE")
                + ", exits after " + maxSeconds + " s");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("final " + uas.status());
            System.out.flush();
        }, "uas-final-status"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uas-status");
            t.setDaemon(true);
            return t;
        });
        if (statsSeconds > 0) {
            timer.scheduleAtFixedRate(() -> System.out.println("status " + uas.status()),
                    statsSeconds, statsSeconds, TimeUnit.SECONDS);
        }
        timer.schedule(() -> {
            System.out.println("uas.maxSeconds reached, exiting");
            uas.stop();
            System.exit(0);
        }, maxSeconds, TimeUnit.SECONDS);
        Thread.currentThread().join(); // parked until the JVM exits
    }
}
