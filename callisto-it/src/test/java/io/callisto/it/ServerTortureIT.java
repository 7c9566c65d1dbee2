package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message of RFC 4475 §3 sent over UDP to a running {@code callisto server} (registrar and proxy), each
 * answered as its section prescribes, and the server still serving afterwards. See {@link TortureCases} for the
 * expectations and where they come from, and {@link TortureMessages} for the one change made to each message (its
 * top Via, so that the answer comes back).
 *
 * <p>Set-up: the server is responsible for every domain the messages use (so that nothing is routed off the
 * machine), listens on UDP only (so that a forwarded message too large for UDP is not switched to TCP, §18.1.1),
 * and has four AoRs registered to a second UDP socket of the test, the <em>endpoint</em>: a request the proxy
 * forwards reaches it, and it answers as a UA would (the status each case names). The REGISTER messages run last,
 * so that their bindings do not add targets to the proxy cases.
 */
class ServerTortureIT {

    /** The domains of the messages' Request-URIs and Routes. */
    static final String[] DOMAINS = {"example.com", "example.net", "example.org", "example.edu", "company.com",
        "chair-dnrc.example.com", "registrar.example.com", "services.example.com"};
    /** AoRs bound to the endpoint socket before the messages are sent. */
    static final String[] ENDPOINT_AORS = {"user@example.com", "vivekg@chair-dnrc.example.com",
        "UserB@example.com", "kumiko@example.org"};
    private static final int FIRST_VIA_PORT = 21_000;

    @TempDir
    Path dir;

    private volatile int endpointStatus;

    @Test
    void everyTortureMessageGetsTheAnswerItsSectionPrescribes() throws Exception {
        try (CallistoServer server = CallistoServer.in(dir).udpOnly().domains(DOMAINS).start();
                UdpPeer client = new UdpPeer(null);
                UdpPeer endpoint = new UdpPeer(this::answerAsEndpoint)) {
            int viaPort = FIRST_VIA_PORT;
            for (String aor : ENDPOINT_AORS) {
                register(server, endpoint, aor, endpoint.port(), viaPort++);
            }
            List<TortureCases.Case> cases = new ArrayList<>(TortureCases.all());
            String only = System.getProperty("callisto.it.torture", ""); // e.g. wsinv,intmeth while debugging
            if (!only.isBlank()) {
                cases.removeIf(c -> !List.of(only.split(",")).contains(c.file()));
            }
            cases.sort(Comparator.comparing(TortureCases.Case::isRegister)); // stable: REGISTERs last
            SoftAssertions softly = new SoftAssertions();
            List<Integer> silentPorts = new ArrayList<>();
            for (TortureCases.Case c : cases) {
                int port = ++viaPort;
                TortureCases.Outcome o = send(server, client, endpoint, c, port);
                if (c.statuses().isEmpty()) {
                    silentPorts.add(port);
                }
                String seen = o.finalResponse() == null ? "no response" : o.finalResponse().text().split("\r\n")[0];
                if (c.statuses().isEmpty()) {
                    softly.assertThat(o.finalResponse()).as("%s (RFC 4475 §%s, %s): expected no answer, got %s",
                            c.file(), c.section(), c.rfc(), seen).isNull();
                } else if (o.finalResponse() == null) {
                    softly.assertThat(c.noneAllowed()).as("%s (RFC 4475 §%s, %s): expected %s, got no response",
                            c.file(), c.section(), c.rfc(), c.statuses()).isTrue();
                } else {
                    softly.assertThat(c.statuses()).as("%s (RFC 4475 §%s, %s): expected one of these, got %s",
                            c.file(), c.section(), c.rfc(), seen).contains(o.status());
                }
                if (!c.forwardable()) {
                    softly.assertThat(o.forwarded()).as("%s (§%s) must not be forwarded", c.file(), c.section())
                            .isEmpty();
                }
                try {
                    c.check().verify(o, softly);
                } catch (RuntimeException e) {
                    softly.fail(c.file() + " (§" + c.section() + "): its check failed: " + e, e);
                }
            }
            // The server keeps serving: a plain registration still gets 200, and it logged no ERROR.
            register(server, client, "still-serving@example.com", client.port(), ++viaPort);
            softly.assertThat(server.isAlive()).as("server process alive").isTrue();
            softly.assertThat(server.get("/health")).contains("UP");
            softly.assertThat(server.warnings()).as("server ERROR lines").noneMatch(l -> l.contains(" ERROR "));
            // Nothing ever came back for the messages that must stay unanswered (not even late).
            List<String> late = client.all().stream().filter(d -> silentPorts.stream()
                    .anyMatch(p -> TortureMessages.viaPort(d.data(), p))).map(d -> d.text().split("\r\n")[0])
                    .collect(Collectors.toList());
            softly.assertThat(late).as("answers to messages that must stay unanswered").isEmpty();
            softly.assertThat(server.contacts("sip:resource@example.com"))
                    .as("esc02 (§3.1.1.5): RE%%47IST%%45R is not REGISTER, nothing was bound").isEmpty();
            if (!softly.errorsCollected().isEmpty()) {
                String log = server.log();
                softly.fail("server log (end):\n" + log.substring(Math.max(0, log.length() - 20_000)));
            }
            softly.assertAll();
        }
    }

    /** Sends one case and collects what came back and what reached the endpoint. */
    private TortureCases.Outcome send(CallistoServer server, UdpPeer client, UdpPeer endpoint, TortureCases.Case c,
            int port) throws Exception {
        byte[] message = TortureMessages.sendable(c.prepare(TortureMessages.load(c.file()), endpoint.port()), port);
        String callId = TortureMessages.header(message, "Call-ID", "i");
        endpointStatus = c.endpointStatus();
        int clientMark = client.count();
        int endpointMark = endpoint.count();
        client.send(message, server.port());
        boolean maySilence = c.statuses().isEmpty() || c.noneAllowed();
        java.util.function.Predicate<UdpPeer.Datagram> finalAnswer = d -> TortureMessages.viaPort(d.data(), port)
                && TortureMessages.status(d.data()) >= 200;
        UdpPeer.Datagram answer = client.await(clientMark, finalAnswer, maySilence ? 0 : 5);
        if (answer == null && maySilence) {
            probe(server, client, port + 5_000);
            answer = client.await(clientMark, finalAnswer, 0);
        }
        if (answer != null) {
            ackIfInvite(server, client, message, answer);
        }
        List<SipRequest> forwarded = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        client.since(clientMark).forEach(d -> seen.add(d.text()));
        endpoint.since(endpointMark).forEach(d -> seen.add(d.text()));
        for (UdpPeer.Datagram d : endpoint.since(endpointMark)) {
            SipMessage m = parse(d.data());
            if (m instanceof SipRequest r && !r.isMethod("ACK") && callId != null && callId.equals(r.callId())) {
                forwarded.add(r);
            }
        }
        return new TortureCases.Outcome(c.file(), message, answer, forwarded, seen);
    }

    /**
     * An OPTIONS to the server itself, answered 200 by it (§11.2): once that answer is in, the server has long
     * read the message sent before it, so a message it answers would have been answered by then.
     */
    private static void probe(CallistoServer server, UdpPeer client, int port) throws Exception {
        String callId = "probe-" + port;
        String options = "OPTIONS sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port
                + ";branch=z9hG4bKprobe" + port + ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:probe@example.com>;tag=p"
                + port + "\r\nTo: <sip:example.com>\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        int mark = client.count();
        client.send(options.getBytes(StandardCharsets.US_ASCII), server.port());
        assertThat(client.await(mark, d -> d.text().contains(callId) && TortureMessages.status(d.data()) == 200, 10))
                .as("the server answers an OPTIONS to itself with 200 (%s)", callId).isNotNull();
    }

    /** §17.1.1.3: the ACK for a non-2xx final answer to an INVITE, so that the server stops resending it. */
    private static void ackIfInvite(CallistoServer server, UdpPeer client, byte[] message, UdpPeer.Datagram answer)
            throws Exception {
        SipMessage request = parse(message);
        SipMessage response = parse(answer.data());
        if (request instanceof SipRequest invite && invite.isMethod("INVITE") && response instanceof SipResponse r
                && r.status() >= 300) {
            byte[] ack;
            try {
                ack = Messages.ackFor(invite, r).toBytes();
            } catch (RuntimeException e) {
                return; // the ACK is a courtesy: without it the server resends its answer until Timer H, harmless here
            }
            client.send(ack, server.port());
        }
    }

    /**
     * The endpoint behind the proxy: answers every request but ACK with the current case's status (§8.2.6.2: Via,
     * From, To with a tag, Call-ID and CSeq copied). The answer is written from the request's text, folded lines
     * unfolded (§7.3.1), so that whatever the torture message holds, the endpoint answers.
     */
    private byte[] answerAsEndpoint(UdpPeer.Datagram d) {
        String text = d.text();
        int end = text.indexOf("\r\n\r\n");
        String head = (end < 0 ? text : text.substring(0, end)).replaceAll("\r\n[ \t]+", " ");
        String[] lines = head.split("\r\n");
        String method = lines[0].split(" ", 2)[0];
        if (method.startsWith("SIP/") || method.equals("ACK")) {
            return null;
        }
        int status = endpointStatus > 0 ? endpointStatus : method.equals("INVITE") ? 486 : 200;
        StringBuilder r = new StringBuilder("SIP/2.0 ").append(status).append(" Endpoint Answer\r\n");
        for (String line : lines) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> r.append(line).append("\r\n");
                case "to", "t" -> r.append(line).append(line.contains("tag") ? "" : ";tag=endpoint").append("\r\n");
                default -> { }
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A plain REGISTER of {@code aor} to {@code contactPort}, sent from {@code from}; it must get 200. */
    static void register(CallistoServer server, UdpPeer from, String aor, int contactPort, int viaPort)
            throws Exception {
        String user = aor.substring(0, aor.indexOf('@'));
        String domain = aor.substring(aor.indexOf('@') + 1);
        String callId = "reg-" + viaPort + "@test";
        String register = "REGISTER sip:" + domain + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + viaPort
                + ";branch=z9hG4bKreg" + viaPort + ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:" + aor + ">;tag=r"
                + viaPort + "\r\nTo: <sip:" + aor + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + contactPort + ">\r\nExpires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
        int mark = from.count();
        from.send(register.getBytes(StandardCharsets.US_ASCII), server.port());
        UdpPeer.Datagram answer = from.await(mark, d -> d.text().contains(callId)
                && TortureMessages.status(d.data()) >= 200, 10);
        assertThat(answer).as("a final answer to the REGISTER of %s", aor).isNotNull();
        assertThat(TortureMessages.status(answer.data())).as("REGISTER of %s:\n%s", aor, answer.text())
                .isEqualTo(200);
    }

    /** The message, or null when the callisto parser refuses it. */
    static SipMessage parse(byte[] data) {
        try {
            return SipParser.DEFAULT.parseDatagram(data);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
