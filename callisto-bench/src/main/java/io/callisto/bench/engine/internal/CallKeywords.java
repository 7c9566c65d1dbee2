package io.callisto.bench.engine.internal;

import io.callisto.bench.scenario.Keyword;
import io.callisto.sip.message.SipMessage;
import java.net.InetSocketAddress;

/** The values of a call's {@code [keywords]} when one of its messages is rendered (docs/load-testing.md). */
final class CallKeywords {

    private CallKeywords() {
    }

    static void append(CallInstance c, Keyword k, StringBuilder out) {
        switch (k.kind()) {
            case SERVICE -> out.append(c.host.config().service());
            case REMOTE_IP -> out.append(remoteHost(c));
            case REMOTE_PORT -> out.append(c.destination.address().getPort());
            case LOCAL_IP, MEDIA_IP -> out.append(localHost(c));
            case LOCAL_PORT -> out.append(c.local.getPort());
            case LOCAL_IP_TYPE, MEDIA_IP_TYPE -> out.append(c.local.getAddress() instanceof java.net.Inet6Address ? 6 : 4);
            case TRANSPORT -> out.append(c.destination.transport().viaToken());
            case CALL_ID -> out.append(c.callId);
            case CALL_NUMBER -> out.append(c.number);
            case CSEQ -> out.append(c.cseq + k.number());
            case BRANCH -> out.append("z9hG4bK-").append(c.host.pid()).append('-').append(c.number).append('-')
                    .append(c.sends);
            case LAST_HEADER -> lastHeader(c, k.header(), out);
            case ROUTES -> out.append(c.routes == null ? "" : c.routes);
            case PEER_TAG_PARAM -> {
                if (c.peerTag != null) {
                    out.append(";tag=").append(c.peerTag);
                }
            }
            case FIELD -> out.append(k.number() < c.fields.length ? c.fields[k.number()] : "");
            case AUTHENTICATION -> authentication(c, k, out);
            case PID -> out.append(c.host.pid());
            case MEDIA_PORT -> out.append(c.media != null ? c.media.port() : c.host.config().mediaPort());
            case MEDIA_CRYPTO -> out.append(c.media != null ? c.media.crypto() : "");
            case AUTO_MEDIA_PORT -> out.append(c.host.config().mediaPort() + 2 * (int) (c.number % 10_000));
            case NEXT_URL -> out.append(c.contactUri != null ? c.contactUri : "sip:" + c.host.config().service() + "@"
                    + remoteHost(c) + ":" + c.destination.address().getPort());
            case PEER_PARTY -> party(c, true, out);
            case LOCAL_PARTY -> party(c, false, out);
            case LEN -> throw new IllegalStateException("[len] is resolved by the template");
        }
    }

    /** The peer's (or our) From/To value with its tag, from the last message received. */
    private static void party(CallInstance c, boolean peer, StringBuilder out) {
        SipMessage last = c.last;
        if (last == null) {
            return;
        }
        boolean fromHeader = last.isRequest() == peer;
        String v = last.header(fromHeader ? "From" : "To");
        out.append(v == null ? "" : v);
    }

    private static String localHost(CallInstance c) {
        if (c.localHost == null) {
            c.localHost = hostText(c.local);
        }
        return c.localHost;
    }

    private static String remoteHost(CallInstance c) {
        if (c.remoteHost == null) {
            c.remoteHost = hostText(c.destination.address());
        }
        return c.remoteHost;
    }

    private static String hostText(InetSocketAddress a) {
        StringBuilder sb = new StringBuilder();
        host(sb, a);
        return sb.toString();
    }

    private static void host(StringBuilder out, InetSocketAddress a) {
        String h = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        if (h.indexOf(':') >= 0) {
            out.append('[').append(h).append(']');
        } else {
            out.append(h);
        }
    }

    private static void lastHeader(CallInstance c, String name, StringBuilder out) {
        SipMessage last = c.last;
        if (last == null) {
            return;
        }
        boolean first = true;
        for (String v : last.headers(name)) {
            if (!first) {
                out.append("\r\n");
            }
            out.append(name).append(": ").append(v);
            first = false;
        }
    }

    private static void authentication(CallInstance c, Keyword k, StringBuilder out) {
        int eol = out.indexOf("\r\n");
        String start = eol < 0 ? out.toString() : out.substring(0, eol);
        String[] parts = start.split(" ");
        if (parts.length < 2) {
            return;
        }
        DigestAnswer.append(c.last, parts[0], parts[1], argument(c, k.username()), argument(c, k.password()), out);
    }

    private static String argument(CallInstance c, String a) {
        int f = Keyword.fieldReference(a);
        return f < 0 ? a : f < c.fields.length ? c.fields[f] : "";
    }
}
