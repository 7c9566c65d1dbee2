package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.parse.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 4475 torture messages and the RFC 5118 IPv6 messages, byte-exact from the RFCs' archives
 * (src/test/resources/rfc4475 and rfc5118, with expected.tsv giving each message's verdict and the values a
 * parser must extract). Each message is parsed as one UDP datagram and validated; valid ones must round-trip
 * byte for byte and yield the listed values; invalid ones must be rejected for the reason the RFC gives.
 */
class TortureMessagesTest {

    /** What the rejection of each invalid message must mention: the reason its RFC section gives. */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("badinv01.dat", "empty"),
            Map.entry("clerr.dat", "Content-Length larger than the message body"),
            Map.entry("ncl.dat", "negative Content-Length"),
            Map.entry("scalar02.dat", "CSeq number"),
            Map.entry("scalarlg.dat", "CSeq number"),
            Map.entry("quotbal.dat", "unterminated quoted string"),
            Map.entry("ltgtruri.dat", "Request-URI must not be enclosed"),
            Map.entry("lwsruri.dat", "SIP version expected"),
            Map.entry("lwsstart.dat", "more than one SP"),
            Map.entry("trws.dat", "trailing white space"),
            Map.entry("escruri.dat", "Request-URI must not contain headers"),
            Map.entry("baddate.dat", "GMT"),
            Map.entry("regbadct.dat", "must be enclosed in '<' and '>'"),
            Map.entry("badaspec.dat", "white"),
            Map.entry("baddn.dat", "display name"),
            Map.entry("badvers.dat", "unsupported SIP version"),
            Map.entry("mismatch01.dat", "does not match request method"),
            Map.entry("mismatch02.dat", "does not match request method"),
            Map.entry("bigcode.dat", "status code"),
            Map.entry("insuf.dat", "missing"),
            Map.entry("multi01.dat", "more than one"),
            Map.entry("mcl01.dat", "more than one Content-Length"),
            Map.entry("ipv6-bad.dat", "IPv6 address must be enclosed in '['"));

    static Stream<Arguments> messages() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String dir : List.of("rfc4475", "rfc5118")) {
            for (String line : resourceText(dir + "/expected.tsv").split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(Arguments.of(dir, f[0], f[1], f[2], f[3], f[4], f.length > 6 ? f[6] : ""));
            }
        }
        assertThat(out).hasSize(49 + 12);
        return out.stream();
    }

    @ParameterizedTest(name = "{1} (§{2}) is {5}")
    @MethodSource("messages")
    void verdictAndValues(String dir, String file, String section, String kind, String methodOrStatus,
            String verdict, String checks) throws IOException {
        byte[] bytes = resource(dir + "/" + file);
        SipMessage m = null;
        String error;
        try {
            m = SipParser.DEFAULT.parseDatagram(bytes);
            Verdict v = MessageValidator.validate(m);
            error = v.valid() ? null : v.error();
        } catch (ParseError e) {
            error = e.getMessage();
        }
        if (verdict.equals("valid")) {
            assertThat(error).as("%s should be accepted", file).isNull();
            assertThat(m.toBytes()).as("unchanged message writes back byte for byte")
                    .isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, expectedWrittenLength(m, bytes)));
        } else {
            assertThat(error).as("%s should be rejected", file).isNotNull();
            assertThat(error).as("reason for rejecting %s", file).containsIgnoringCase(WHY.get(file));
        }
        if (m != null) {
            assertThat(m.isRequest()).isEqualTo(kind.equals("request"));
            if (m instanceof SipRequest r) {
                assertThat(r.method()).isEqualTo(methodOrStatus);
            }
            for (Map.Entry<String, String> c : parseChecks(checks).entrySet()) {
                assertThat(actual(m, c.getKey())).as("%s: %s", file, c.getKey()).isEqualTo(c.getValue());
            }
        }
    }

    /** The bytes a datagram's message occupies: up to the end of its Content-Length body. */
    private static int expectedWrittenLength(SipMessage m, byte[] bytes) {
        int start = 0;
        while (bytes[start] == '\r' || bytes[start] == '\n') {
            start++;
        }
        assertThat(start).isZero();
        return m.bodyEnd();
    }

    private static String actual(SipMessage m, String key) {
        return switch (key) {
            case "method" -> ((SipRequest) m).method();
            case "request-uri" -> ((SipRequest) m).requestUriText();
            case "status" -> String.valueOf(((SipResponse) m).status());
            case "reason-phrase" -> ((SipResponse) m).reason();
            case "call-id" -> m.callId();
            case "from-tag" -> m.from().tag();
            case "to-tag" -> m.to().tag();
            case "from-display" -> m.from().displayName();
            case "from-uri" -> m.from().uriText();
            case "to-uri" -> m.to().uriText();
            case "contact-uri" -> first(m.contacts()).uriText();
            case "top-via-branch" -> m.topVia().branch();
            case "top-via-host" -> m.topVia().host();
            case "top-via-port" -> String.valueOf(m.topVia().port());
            case "top-via-transport" -> m.topVia().transport();
            case "via-count" -> String.valueOf(m.vias().size());
            case "cseq" -> m.cseq().toString();
            case "max-forwards" -> String.valueOf(m.maxForwards());
            case "content-length" -> String.valueOf(m.first(Headers.CONTENT_LENGTH));
            case "content-type" -> m.contentType().essence();
            case "expires" -> String.valueOf(m.first(Headers.EXPIRES));
            default -> fail("unknown check key " + key);
        };
    }

    private static NameAddress first(List<NameAddress> list) {
        assertThat(list).isNotEmpty();
        return list.get(0);
    }

    /** key=value;key=value with \; for a literal ';' and \\ for '\'. */
    static Map<String, String> parseChecks(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder cur = new StringBuilder();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == ';') {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            items.add(cur.toString());
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            out.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return out;
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = TortureMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("resource %s", path).isNotNull();
            return in.readAllBytes();
        }
    }

    static String resourceText(String path) throws IOException {
        return new String(resource(path), StandardCharsets.UTF_8);
    }
}
