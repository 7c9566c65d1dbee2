package io.callisto.media.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.callisto.media.rtcp.RtcpCompound;
import io.callisto.media.rtcp.RtcpPacket;
import io.callisto.media.rtp.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz target for the RTCP compound parser: any bytes give packets or a reason (never an exception), and
 * parsed packets write back to a compound that parses again into as many packets.
 */
class RtcpCompoundFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @Timeout(5)
    void parseAnything(byte[] data) {
        ParseResult<List<RtcpPacket>> r = RtcpCompound.parse(data);
        if (r.isOk()) {
            ParseResult<List<RtcpPacket>> again = RtcpCompound.parse(RtcpCompound.write(r.value()));
            if (!again.isOk() || again.value().size() != r.value().size()) {
                throw new AssertionError("RTCP did not round-trip: " + r.value() + " -> " + again);
            }
        }
    }
}
