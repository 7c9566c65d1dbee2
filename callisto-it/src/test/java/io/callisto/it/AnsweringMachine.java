package io.callisto.it;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.message.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The answering side of SIPp's built-in {@code uac} scenario, made of the syntax layer only: INVITE gets 180 and
 * a 200 with Contact and SDP, BYE gets 200, ACK nothing. Every message it is given is validated and must write
 * back byte for byte; what went wrong is collected in {@link #problems}.
 */
final class AnsweringMachine {
    static final String SDP = "v=0\r\no=callisto 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    final List<SipMessage> received = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final String contact;
    private int tag;

    AnsweringMachine(String transport, int port) {
        this.contact = "<sip:callisto@127.0.0.1:" + port + ";transport=" + transport + ">";
    }

    /**
     * The responses to send for {@code m}. {@code bytes} are the bytes it was parsed from, for the byte-for-byte
     * check, or null when a stream framer gave the message its own copy.
     */
    List<SipMessage> answer(SipMessage m, byte[] bytes) {
        Verdict v = MessageValidator.validate(m);
        if (!v.valid()) {
            problems.add("invalid " + v.error() + ":\n" + m);
            return List.of();
        }
        if (bytes != null && !java.util.Arrays.equals(m.toBytes(), bytes)) {
            problems.add("did not write back byte for byte:\n" + new String(bytes, StandardCharsets.UTF_8));
        }
        received.add(m);
        if (!(m instanceof SipRequest req)) {
            return List.of();
        }
        if (req.isMethod("INVITE")) {
            String toTag = "cal" + (++tag);
            SipResponse ok = Messages.responseTo(req, 200, null, toTag);
            ok.add(Headers.CONTACT, NameAddress.parse(contact));
            ok.setBody(MediaType.SDP, SDP.getBytes(StandardCharsets.US_ASCII));
            return List.of(Messages.responseTo(req, 180, null, toTag), ok);
        }
        if (req.isMethod("BYE")) {
            return List.of(Messages.responseTo(req, 200));
        }
        return List.of();
    }

    long count(String method) {
        synchronized (received) {
            return received.stream().filter(m -> m instanceof SipRequest q && q.isMethod(method)).count();
        }
    }
}
