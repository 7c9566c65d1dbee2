package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.NameAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Round-trip properties on generated messages: random (but valid) header spellings, compact forms, case, white
 * space around colons, line folding, quoted display names with escapes, lists split over lines, unknown headers.
 * Each must parse, validate, yield the generated values, and write back byte for byte — also after the stream
 * framer has cut it at a random point.
 */
class RoundTripPropertyTest {

    @RepeatedTest(300)
    void generatedMessagesRoundTrip(RepetitionInfo info) {
        Random rnd = new Random(4475L * info.getCurrentRepetition());
        Generated g = generate(rnd);
        byte[] bytes = g.text.getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipParser.DEFAULT.parseDatagram(bytes);
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).isEqualTo(g.text);
        Verdict v = MessageValidator.validate(m);
        assertThat(v.valid()).as("%s\n%s", v, g.text).isTrue();
        assertThat(m.callId()).isEqualTo(g.callId);
        assertThat(m.from().tag()).isEqualTo(g.fromTag);
        assertThat(m.from().displayName()).isEqualTo(g.display);
        assertThat(m.topVia().branch()).isEqualTo(g.branches.get(0));
        assertThat(m.vias()).extracting(x -> x.branch()).isEqualTo(g.branches);
        assertThat(m.contacts()).extracting(NameAddress::uriText).isEqualTo(g.contacts);
        assertThat(m.cseq().number()).isEqualTo(g.cseq);
        assertThat(m.bodyText()).isEqualTo(g.body);

        List<SipMessage> framed = new ArrayList<>();
        StreamFramer f = new StreamFramer(SipParser.DEFAULT, framed::add);
        int cut = rnd.nextInt(bytes.length + 1);
        f.feed(bytes, 0, cut);
        f.feed(bytes, cut, bytes.length - cut);
        assertThat(framed).hasSize(1);
        assertThat(framed.get(0).toBytes()).isEqualTo(bytes);
    }

    record Generated(String text, String callId, String fromTag, String display, List<String> branches,
            List<String> contacts, long cseq, String body) {}

    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    static String token(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
        }
        return sb.toString();
    }

    static String alnum(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** HCOLON with random white space, sometimes a fold. */
    static String colon(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> ":";
            case 1 -> " : ";
            case 2 -> ":\t";
            case 3 -> ":\r\n  ";
            default -> ": ";
        };
    }

    static String name(Random r, String longForm, String compact) {
        if (compact != null && r.nextInt(3) == 0) {
            return r.nextBoolean() ? compact : compact.toUpperCase();
        }
        return switch (r.nextInt(3)) {
            case 0 -> longForm.toLowerCase();
            case 1 -> longForm.toUpperCase();
            default -> longForm;
        };
    }

    static Generated generate(Random r) {
        String method = List.of("INVITE", "OPTIONS", "MESSAGE", "REGISTER", "BYE", "NEWMETHOD").get(r.nextInt(6));
        String host = alnum(r, 8) + ".example.com";
        String callId = token(r, 20) + (r.nextBoolean() ? "@" + host : "");
        String fromTag = token(r, 12);
        String display = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> "Alice " + alnum(r, 5);
            default -> "Quote \" and \\ and UTF-8 \u00e9\u4e2d";
        };
        long cseq = r.nextInt(Integer.MAX_VALUE);
        List<String> branches = new ArrayList<>();
        List<String> contacts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(" sip:").append(alnum(r, 6)).append('@').append(host).append(" SIP/2.0\r\n");
        List<String> lines = new ArrayList<>();
        int vias = 1 + r.nextInt(3);
        StringBuilder via = new StringBuilder(name(r, "Via", "v")).append(colon(r));
        for (int i = 0; i < vias; i++) {
            String branch = "z9hG4bK" + token(r, 10);
            branches.add(branch);
            if (i > 0) {
                via.append(r.nextBoolean() ? ", " : " ,\r\n\t");
            }
            via.append("SIP/2.0/").append(List.of("UDP", "TCP", "TLS", "WS").get(r.nextInt(4))).append(' ')
                    .append(r.nextBoolean() ? host : "[2001:db8::" + r.nextInt(999) + "]")
                    .append(r.nextBoolean() ? ":" + r.nextInt(65536) : "")
                    .append(r.nextBoolean() ? " ; branch = " : ";branch=").append(branch)
                    .append(r.nextBoolean() ? ";rport" : ";received=192.0.2." + r.nextInt(256));
        }
        lines.add(via.toString());
        lines.add(name(r, "Max-Forwards", null) + colon(r) + r.nextInt(256));
        String from = (display == null ? "" : quoteIfNeeded(display) + " ") + "<sip:alice@" + host + ">";
        lines.add(name(r, "From", "f") + colon(r) + from + ";tag=" + fromTag);
        lines.add(name(r, "To", "t") + colon(r) + (r.nextBoolean() ? "sip:bob@" + host : "Bob <sip:bob@" + host + ">"));
        lines.add(name(r, "Call-ID", "i") + colon(r) + callId);
        lines.add(name(r, "CSeq", null) + colon(r) + cseq + " " + method);
        int nContacts = r.nextInt(3);
        if (nContacts > 0) {
            StringBuilder c = new StringBuilder(name(r, "Contact", "m")).append(colon(r));
            for (int i = 0; i < nContacts; i++) {
                String uri = "sip:" + alnum(r, 5) + "@" + host + (r.nextBoolean() ? ";transport=tcp" : "");
                contacts.add(uri);
                c.append(i > 0 ? ", " : "").append('<').append(uri).append('>')
                        .append(r.nextBoolean() ? ";expires=" + r.nextInt(7200) : "").append(r.nextBoolean()
                                ? ";q=0." + r.nextInt(10) : "");
            }
            lines.add(c.toString());
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            lines.add("X-" + token(r, 8) + colon(r) + "free text, with; odd = stuff " + alnum(r, 10));
        }
        java.util.Collections.shuffle(lines.subList(1, lines.size()), r);
        String body = r.nextBoolean() ? "" : "v=0\r\n" + "a=" + alnum(r, 30) + "\r\n";
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        if (!body.isEmpty()) {
            sb.append(name(r, "Content-Type", "c")).append(colon(r)).append("application/sdp\r\n");
        }
        if (!body.isEmpty() || r.nextBoolean()) {
            sb.append(name(r, "Content-Length", "l")).append(colon(r))
                    .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        } else {
            // the stream framer needs Content-Length: always give it one
            sb.append("Content-Length: 0\r\n");
        }
        sb.append("\r\n").append(body);
        return new Generated(sb.toString(), callId, fromTag, display, branches, contacts, cseq, body);
    }

    static String quoteIfNeeded(String display) {
        if (display.matches("[A-Za-z0-9 ]+")) {
            return display;
        }
        return "\"" + display.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
