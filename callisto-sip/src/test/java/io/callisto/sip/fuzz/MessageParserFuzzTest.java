package io.callisto.sip.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.HeaderKeys;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.MultipartBody;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.StreamFramer;
import io.callisto.sip.parse.ParseError;
import java.util.Arrays;

/**
 * Jazzer fuzz target for the message parser: whatever the bytes, parsing, validating, reading every header as
 * its type and writing back may only ever throw {@link ParseError}. The same bytes also go through the stream
 * framer in two pieces. Without JAZZER_FUZZ it replays the seed corpus (the RFC 4475/5118 messages and the
 * corpus directory next to this class); {@code ./mvnw verify} also runs it fuzzing for 30 s (see
 * callisto-sip/pom.xml), and {@code bench/fuzz.sh ROUNDS} runs more 30 s rounds, each resuming from the corpus the
 * previous ones grew in {@code .cifuzz-corpus/}.
 */
class MessageParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    @Timeout(5) // per input while fuzzing: a hang or super-linear blow-up is reported as a finding
    void parseAnything(byte[] data) {
        try {
            SipMessage m = SipParser.DEFAULT.parseDatagram(data);
            exercise(m);
        } catch (ParseError expected) {
            // the only failure the syntax layer may report
        }
        try {
            int cut = data.length / 2;
            StreamFramer framer = new StreamFramer(SipParser.DEFAULT, MessageParserFuzzTest::exercise);
            framer.feed(Arrays.copyOfRange(data, 0, cut));
            framer.feed(Arrays.copyOfRange(data, cut, data.length));
        } catch (ParseError expected) {
            // framing errors close the connection; nothing else may escape
        }
    }

    static void exercise(SipMessage m) {
        MessageValidator.validate(m);
        for (int i = 0; i < m.headerCount(); i++) {
            HeaderName h = m.headerKind(i);
            HeaderKey<?> key = h == null ? null : HeaderKeys.forName(h);
            try {
                if (key != null) {
                    for (Object v : m.all(key)) {
                        if (v instanceof NameAddress a && !a.isWildcard()) {
                            a.uri();
                        }
                        String.valueOf(v);
                    }
                }
            } catch (ParseError expected) {
                // a malformed value shows up on access
            }
        }
        try {
            if (m instanceof SipRequest r) {
                r.requestUri();
            }
        } catch (ParseError expected) {
            // malformed Request-URI
        }
        try {
            if (m.contentType() != null && m.contentType().type().equalsIgnoreCase("multipart")) {
                MultipartBody.parts(m);
            }
        } catch (ParseError expected) {
            // malformed multipart body
        }
        byte[] out = m.toBytes();
        if (out.length == 0) {
            throw new AssertionError("a parsed message wrote back as nothing");
        }
    }
}
