package io.callisto.transaction;

import static io.callisto.transaction.TransactionState.CONFIRMED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;

/** §17.1.3 (responses to client transactions), §17.2.3 (requests to server transactions, with RFC 2543), §9.2. */
class MatchingTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final RecordingListener listener = new RecordingListener();
    private final TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);

    private static SipRequest request(String method, String uri, String sentBy, String branch, String toTag) {
        return Sip.request(method, uri, sentBy, branch, "call-9", 7, toTag);
    }

    private static SipRequest request(String method, String branch) {
        return request(method, "sip:bob@example.com", "192.0.2.1:5060", branch, null);
    }

    // ------------------------------------------------------------------------------------------------ client

    @Test
    void responseWithAnUnknownBranchOrNoBranchIsStray() {
        ClientTransaction tx = layer.sendRequest(Sip.request("OPTIONS", Branch.next()), Sip.UDP, listener);
        SipResponse other = Sip.response(Sip.request("OPTIONS", Branch.next()), 200, "x");
        SipResponse none = Sip.response(Sip.request("OPTIONS", null), 200, "x");
        layer.onMessage(other, Sip.UDP_FLOW);
        layer.onMessage(none, Sip.UDP_FLOW);
        assertThat(user.strays).containsExactly(other, none);
        assertThat(listener.responses).isEmpty();
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
    }

    @Test
    void responseMatchesOnBranchAndCSeqMethod() {
        SipRequest invite = Sip.request("INVITE", Branch.next());
        ClientTransaction inv = layer.sendRequest(invite, Sip.UDP, listener);
        layer.onMessage(Sip.response(invite, 180, "b"), Sip.UDP_FLOW);

        SipResponse cancelOkWithoutTransaction = Sip.response(Messages.cancelFor(invite), 200, "b");
        layer.onMessage(cancelOkWithoutTransaction, Sip.UDP_FLOW);
        assertThat(user.strays).as("same branch, CSeq CANCEL: not the INVITE's").containsExactly(
                cancelOkWithoutTransaction);

        RecordingListener cancelListener = new RecordingListener();
        ClientTransaction cancel = layer.sendRequest(Messages.cancelFor(invite), Sip.UDP, cancelListener);
        assertThat(cancel.branch()).isEqualTo(inv.branch());
        layer.onMessage(Sip.response(cancel.request(), 200, "b"), Sip.UDP_FLOW);
        layer.onMessage(Sip.response(invite, 487, "b"), Sip.UDP_FLOW);
        assertThat(cancelListener.statuses()).containsExactly(200);
        assertThat(listener.statuses()).containsExactly(180, 487);

        SipResponse toAck = Sip.response(Sip.request("ACK", inv.branch()), 200, "b");
        layer.onMessage(toAck, Sip.UDP_FLOW);
        assertThat(user.strays).as("a response to ACK matches nothing").contains(toAck);
    }

    @Test
    void branchComparesCaseInsensitively() {
        String branch = Branch.next();
        SipRequest options = Sip.request("OPTIONS", branch);
        layer.onMessage(Sip.response(Sip.request("OPTIONS", branch.toUpperCase()), 200, "b"), Sip.UDP_FLOW);
        assertThat(user.strays).hasSize(1); // nothing sent yet
        layer.sendRequest(options, Sip.UDP, listener);
        layer.onMessage(Sip.response(Sip.request("OPTIONS", branch.toUpperCase()), 200, "b"), Sip.UDP_FLOW);
        assertThat(listener.statuses()).containsExactly(200);
    }

    // ------------------------------------------------------------------------------------------------ server

    @Test
    void requestMatchesOnBranchSentByAndMethod() {
        layer.onMessage(request("INVITE", "z9hG4bK-abc"), Sip.UDP_FLOW);
        layer.onMessage(request("INVITE", "sip:bob@example.com", "192.0.2.1:5060", "z9hG4bK-ABC", null),
                Sip.UDP_FLOW);
        assertThat(user.requests).as("a retransmission: branches compare case-insensitively").hasSize(1);

        layer.onMessage(request("INVITE", "sip:bob@example.com", "HOST.example:5060", "z9hG4bK-abc", null),
                Sip.UDP_FLOW);
        layer.onMessage(request("INVITE", "sip:bob@example.com", "host.EXAMPLE:5060", "z9hG4bK-abc", null),
                Sip.UDP_FLOW);
        assertThat(user.requests).as("another sent-by (hosts compare case-insensitively)").hasSize(2);

        layer.onMessage(request("INVITE", "sip:bob@example.com", "192.0.2.1:5061", "z9hG4bK-abc", null),
                Sip.UDP_FLOW);
        assertThat(user.requests).as("another port is another sent-by").hasSize(3);

        layer.onMessage(request("OPTIONS", "z9hG4bK-abc"), Sip.UDP_FLOW);
        assertThat(user.requests).as("another method is another transaction").hasSize(4);
        assertThat(layer.activeTransactions()).isEqualTo(4);
    }

    @Test
    void cancelGetsItsOwnTransactionAndTargetsTheInvite() {
        SipRequest invite = request("INVITE", "z9hG4bK-2");
        layer.onMessage(invite, Sip.UDP_FLOW);
        ServerTransaction inv = user.last();

        SipRequest cancel = Sip.cancel(invite);
        layer.onMessage(cancel, Sip.UDP_FLOW);
        ServerTransaction c = user.last();
        assertThat(c).isNotSameAs(inv);
        assertThat(c.isInvite()).isFalse();
        assertThat(c.request().method()).isEqualTo("CANCEL");
        assertThat(c.cancelTarget()).isSameAs(inv);

        layer.onMessage(Sip.reparse(cancel), Sip.UDP_FLOW);
        assertThat(user.requests).as("CANCEL retransmission absorbed").hasSize(2);
        assertThat(inv.state()).isEqualTo(PROCEEDING);

        layer.onMessage(request("CANCEL", "z9hG4bK-unknown"), Sip.UDP_FLOW);
        assertThat(user.last().cancelTarget()).as("§9.2: no match").isNull();

        layer.onMessage(request("CANCEL", "sip:bob@example.com", "192.0.2.9:5060", "z9hG4bK-2", null),
                Sip.UDP_FLOW);
        assertThat(user.last().cancelTarget()).as("another sent-by").isNull();
    }

    @Test
    void cancelForAFinishedInviteFindsNothing() {
        SipRequest invite = request("INVITE", "z9hG4bK-3");
        layer.onMessage(invite, Sip.TCP_FLOW);
        SipResponse busy = Messages.responseTo(invite, 486, null, "s");
        user.last().respond(busy);
        layer.onMessage(Sip.ack(invite, Sip.reparse(busy)), Sip.TCP_FLOW); // Confirmed, I = 0 on TCP
        layer.onMessage(Sip.cancel(invite), Sip.TCP_FLOW);
        assertThat(user.last().cancelTarget()).isNull();
    }

    // ------------------------------------------------------------------------------------------------ RFC 2543

    @Test
    void rfc2543InviteRetransmissionIsMatchedFieldByField() {
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.UDP_FLOW);
        layer.onMessage(Sip.reparse(invite), Sip.UDP_FLOW);
        assertThat(user.requests).hasSize(1);
        assertThat(transport.responseTimes(100)).as("the retransmission got a 100").containsExactly(0L);

        layer.onMessage(request("INVITE", "sip:carol@example.com", "192.0.2.1:5060", null, null), Sip.UDP_FLOW);
        assertThat(user.requests).as("another Request-URI").hasSize(2);
        layer.onMessage(request("INVITE", "sip:bob@example.com", "192.0.2.1:5060", null, "t9"), Sip.UDP_FLOW);
        assertThat(user.requests).as("another To tag").hasSize(3);
        layer.onMessage(request("INVITE", "sip:bob@example.com", "192.0.2.7:5060", null, null), Sip.UDP_FLOW);
        assertThat(user.requests).as("another top Via").hasSize(4);
        layer.onMessage(request("INVITE", "sip:bob@example.com", "192.0.2.1:5060", "old-style-1", null),
                Sip.UDP_FLOW);
        assertThat(user.requests).as("a branch without the cookie is part of the top Via").hasSize(5);
        layer.onMessage(request("INVITE", "sip:BOB@example.com", "192.0.2.1:5060", null, null), Sip.UDP_FLOW);
        assertThat(user.requests).as("§19.1.4: user part is case-sensitive").hasSize(6);
        layer.onMessage(request("INVITE", "sip:bob@EXAMPLE.com", "192.0.2.1:5060", null, null), Sip.UDP_FLOW);
        assertThat(user.requests).as("§19.1.4: host is not").hasSize(6);
    }

    @Test
    void rfc2543AckMatchesByTheToTagOfTheResponseSent() {
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.UDP_FLOW);
        ServerTransaction tx = user.last();
        SipResponse busy = Messages.responseTo(invite, 486, null, "s1");
        tx.respond(busy);

        SipRequest wrongTag = request("ACK", "sip:bob@example.com", "192.0.2.1:5060", null, "other");
        layer.onMessage(wrongTag, Sip.UDP_FLOW);
        assertThat(user.acks).containsExactly(wrongTag);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);

        layer.onMessage(Sip.ack(invite, Sip.reparse(busy)), Sip.UDP_FLOW);
        assertThat(tx.state()).isEqualTo(CONFIRMED);
        assertThat(user.acks).hasSize(1);
    }

    @Test
    void rfc2543AckInAcceptedGoesToTheTu() {
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.UDP_FLOW);
        ServerTransaction tx = user.last();
        tx.respond(Messages.responseTo(invite, 200, null, "s1"));
        SipRequest ack = request("ACK", "sip:bob@example.com", "192.0.2.1:5060", null, "s1");
        layer.onMessage(ack, Sip.UDP_FLOW);
        assertThat(user.acks).as("RFC 6026 §6").containsExactly(ack);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void rfc2543CancelTargetsTheInvite() {
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.UDP_FLOW);
        ServerTransaction inv = user.last();
        SipRequest cancel = Sip.cancel(invite);
        layer.onMessage(cancel, Sip.UDP_FLOW);
        assertThat(user.last().cancelTarget()).isSameAs(inv);
        layer.onMessage(Sip.reparse(cancel), Sip.UDP_FLOW);
        assertThat(user.requests).as("the CANCEL's retransmission is absorbed").hasSize(2);

        layer.onMessage(request("CANCEL", "sip:carol@example.com", "192.0.2.1:5060", null, null), Sip.UDP_FLOW);
        assertThat(user.last().cancelTarget()).isNull();
    }

    @Test
    void rfc2543TransactionsLeaveTheTableWhenTerminated() {
        SipRequest options = request("OPTIONS", null);
        layer.onMessage(options, Sip.TCP_FLOW);
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.TCP_FLOW);
        assertThat(layer.activeTransactions()).isEqualTo(2);
        user.requests.get(0).respond(Messages.responseTo(options, 200, null, "s"));
        assertThat(layer.activeTransactions()).isEqualTo(1);
        user.requests.get(1).respond(Messages.responseTo(invite, 200, null, "s"));
        time.advanceTo(32_000);
        assertThat(layer.activeTransactions()).isZero();
        layer.onMessage(Sip.reparse(invite), Sip.TCP_FLOW);
        assertThat(user.requests).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void malformedMessagesAreDroppedWithoutThrowing() {
        String badCSeq = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-x\r\n"
                + "To: <sip:bob@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c\r\n"
                + "CSeq: banana INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        String badVia = badCSeq.replace("SIP/2.0/UDP h;branch=z9hG4bK-x", "garbage").replace("banana", "1");
        String noVia = badCSeq.replace("Via: SIP/2.0/UDP h;branch=z9hG4bK-x\r\n", "").replace("banana", "1");
        String noCallId = badCSeq.replace("Call-ID: c\r\n", "").replace("banana", "1");
        String responseNoCSeq = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-x\r\nCall-ID: c\r\n"
                + "Content-Length: 0\r\n\r\n";
        String responseBadVia = "SIP/2.0 200 OK\r\nVia: ;;;\r\nCSeq: 1 INVITE\r\nCall-ID: c\r\n"
                + "Content-Length: 0\r\n\r\n";
        for (String text : new String[] {badCSeq, badVia, noVia, noCallId, responseNoCSeq, responseBadVia}) {
            layer.onMessage(SipParser.parse(text), Sip.UDP_FLOW);
        }
        assertThat(user.requests).isEmpty();
        assertThat(user.strays).isEmpty();
        assertThat(user.acks).isEmpty();
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void rfc2543RequestWithAnUnparsableRequestUriMatchesNothing() {
        SipRequest invite = request("INVITE", null);
        layer.onMessage(invite, Sip.UDP_FLOW);
        SipRequest odd = request("INVITE", "sip:bob@exa mple.com".replace(" ", "%"), "192.0.2.1:5060", null, null);
        assertThatThrownBy(odd::requestUri).isInstanceOf(ParseError.class);
        layer.onMessage(odd, Sip.UDP_FLOW);
        assertThat(user.requests).hasSize(2);
    }
}
