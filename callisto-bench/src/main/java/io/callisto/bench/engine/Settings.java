package io.callisto.bench.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The run's settings as the reports show them. */
final class Settings {

    private Settings() {
    }

    static Map<String, String> of(BenchConfig c, int localPorts) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean server = c.scenario().isServer();
        m.put("scenario", c.scenario().name());
        m.put("transport", c.transport().viaToken());
        if (!server) {
            m.put("rate", c.ratePerSec() + "/s");
            m.put("ramp", c.rampMs() + " ms");
            m.put("max concurrent", c.maxConcurrent() == 0 ? "unlimited" : Integer.toString(c.maxConcurrent()));
        }
        m.put("calls", c.calls() == 0 ? "unlimited" : Long.toString(c.calls()));
        m.put("run", c.runMs() == 0 ? "unlimited" : c.runMs() + " ms");
        m.put("call length", c.callLengthMs() + " ms");
        m.put("recv timeout", c.recvTimeoutMs() == 0 ? "none" : c.recvTimeoutMs() + " ms");
        m.put("local ports", Integer.toString(localPorts));
        if (c.rtp() != null) {
            m.put("rtp", "PCMU 20 ms, " + (c.rtp().srtp() ? "SRTP AES_CM_128_HMAC_SHA1_80" : "plain") + ", ports "
                    + c.rtp().ports().first() + "-" + c.rtp().ports().last() + ", RTCP every "
                    + c.rtp().rtcpIntervalMs() + " ms");
        }
        return m;
    }
}
