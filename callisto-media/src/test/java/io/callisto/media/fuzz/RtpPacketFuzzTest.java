package io.callisto.media.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.callisto.media.rtp.ParseResult;
import io.callisto.media.rtp.RtpPacket;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz target for the RTP parser: any bytes give a packet or a reason (never an exception), and a parsed
 * packet writes and parses back to an equal packet.
 */
class RtpPacketFuzzTest {

    @FuzzTest(maxDuration = "20s")
    @Timeout(5)
    void parseAnything(byte[] data) {
        ParseResult<RtpPacket> r = RtpPacket.parse(data);
        if (r.isOk() && !RtpPacket.parse(r.value().toBytes()).value().equals(r.value())) {
            throw new AssertionError("RTP packet did not round-trip: " + r.value());
        }
    }
}
