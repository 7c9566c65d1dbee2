package io.callisto.sip.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.sdp.SessionDescription;
import java.util.Arrays;

/**
 * Jazzer fuzz target for the SDP parser: any bytes give a session description or a {@link ParseError}, and a
 * parsed description writes back as exactly the bytes it came from.
 */
class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    @Timeout(5) // per input while fuzzing: a hang or super-linear blow-up is reported as a finding
    void parseAnything(byte[] data) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(data, 0, data.length);
        } catch (ParseError expected) {
            return;
        }
        if (!Arrays.equals(sdp.toBytes(), data)) {
            throw new AssertionError("SDP did not round-trip byte for byte");
        }
        sdp.toString();
    }
}
