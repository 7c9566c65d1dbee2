package io.callisto.server.registrar.internal;

import io.callisto.server.location.Aors;
import io.callisto.server.location.BindingFlows;
import io.callisto.server.registrar.RegistrarConfig;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Parameters;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Flow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a REGISTER against RFC 3261 §10.3 steps 2 and 4 to 7 (what can be decided from the request alone), RFC
 * 3327 §5.3 and RFC 5626 §6, and reduces it to a {@link RegisterRequest}. Runs on the transaction's owner. The
 * first broken rule ends the check with a {@link Rejected} carrying the response; a value the syntax layer cannot
 * parse is a 400. What needs the stored bindings (Call-ID/CSeq order, the bindings limit) is {@link BindingMerge}'s.
 */
public final class RegisterParser {

    /** The option tags the registrar understands in Require (§10.3 step 2). */
    static final Set<String> UNDERSTOOD = Set.of("path", "outbound");
    /** §10.2.1: expires values beyond 2**32-1 may be treated as 2**32-1. */
    static final long MAX_DELTA = 4_294_967_295L;
    /** §10.2.1: a malformed expires parameter counts as 3600. */
    static final long MALFORMED_EXPIRES = 3600;
    /** §10.3 step 7: 423 only for intervals shorter than one hour. */
    static final long ONE_HOUR = 3600;
    private static final int MAX_USER_AGENT = 200;

    private RegisterParser() {
    }

    /**
     * The change {@code request} asks for.
     *
     * @param flow              the flow the request arrived on, or null when unknown
     * @param authenticatedUser the digest username, or null when authentication is off
     * @throws Rejected  when the request breaks a rule (the rejection is the response to send)
     * @throws ParseError when a header the registrar reads is malformed (answer 400)
     */
    public static RegisterRequest parse(SipRequest request, Flow flow, String authenticatedUser,
            RegistrarConfig config) {
        Set<String> supported = tags(request.all(Headers.SUPPORTED));
        Set<String> require = tags(request.all(Headers.REQUIRE));
        checkRequire(require);
        SipUri to = toUri(request);
        authorize(to, authenticatedUser);
        checkDomain(to, request, config);
        String aor = Aors.canonical(to);

        List<NameAddress> paths = bad("Path", () -> request.all(Headers.PATH));
        boolean pathSupported = supported.contains("path") || require.contains("path");
        if (!paths.isEmpty() && !pathSupported) {
            // RFC 3327 §5.3: the recommended policy for a Path the UA did not indicate support for
            throw new Rejected(Rejection.of(420, "Bad Extension", "Unsupported", "path"));
        }
        List<NameAddress> contacts = bad("Contact", () -> request.all(Headers.CONTACT));
        Long expiresHeader = bad("Expires", () -> request.first(Headers.EXPIRES));
        long callCseq = request.cseq().number();
        String callId = request.callId();

        boolean wildcard = false;
        for (NameAddress c : contacts) {
            wildcard |= c.isWildcard();
        }
        if (wildcard) {
            // §10.3 step 6 and §10.2.2: "*" only alone and only with Expires: 0
            if (contacts.size() != 1) {
                throw Rejected.with(400, "Bad Request (Contact: * must be the only Contact)");
            }
            if (expiresHeader == null || expiresHeader != 0) {
                throw Rejected.with(400, "Bad Request (Contact: * requires Expires: 0)");
            }
            return new RegisterRequest(aor, callId, callCseq, true, List.of(), List.of(), source(flow), null,
                    userAgent(request), false);
        }

        boolean uaOutbound = supported.contains("outbound") || require.contains("outbound");
        boolean outboundAllowed = outboundAllowed(request, paths);
        List<ContactSpec> specs = new ArrayList<>(contacts.size());
        boolean anyRegId = false;
        for (NameAddress c : contacts) {
            Uri uri;
            try {
                uri = c.uri();
            } catch (ParseError e) {
                throw Rejected.with(400, "Bad Request (malformed Contact URI)");
            }
            Parameters p = c.parameters();
            double q = qValue(p);
            long requested = requestedExpires(p, expiresHeader, config.defaultExpires());
            if (requested > 0 && requested < ONE_HOUR && requested < config.minExpires()) {
                // §10.3 step 7: too brief; Min-Expires states what the registrar honors
                throw new Rejected(Rejection.of(423, "Interval Too Brief", "Min-Expires",
                        Long.toString(config.minExpires())));
            }
            long granted = Math.min(requested, config.maxExpires());
            String instance = p.has("+sip.instance") ? Parameters.unquote(p.get("+sip.instance")) : null;
            if (instance != null && instance.isEmpty()) {
                instance = null;
            }
            int regId = regId(p);
            anyRegId |= regId > 0;
            // RFC 5626 §6: a reg-id without an instance, or on a path without outbound support, is ignored
            int effectiveRegId = instance != null && outboundAllowed ? regId : 0;
            specs.add(new ContactSpec(c.uriText(), uri, q, granted, instance, effectiveRegId));
        }
        if (anyRegId && !outboundAllowed && uaOutbound) {
            // RFC 5626 §6 and §11.6: the first hop did not add an "ob" Path, but the UA asked for outbound
            throw Rejected.with(439, "First Hop Lacks Outbound Support");
        }
        boolean outbound = false;
        boolean liveWithoutOutbound = false;
        int live = 0;
        for (ContactSpec s : specs) { // loops, not streams: this runs for every REGISTER
            outbound |= s.outbound();
            if (s.expires() > 0) {
                live++;
                liveWithoutOutbound |= !s.outbound();
            }
        }
        if (outbound && live > 1) {
            // RFC 5626 §6: one flow per registration when reg-id is used
            throw Rejected.with(400, "Bad Request (reg-id with more than one Contact to register)");
        }
        if (config.requireOutbound() && liveWithoutOutbound) {
            // RFC 5626 §6 local policy; §21.4.16 when the UA did not say it supports outbound
            if (!uaOutbound) {
                throw new Rejected(Rejection.of(421, "Extension Required", "Require", "outbound"));
            }
            throw Rejected.with(400, "Bad Request (outbound registration with +sip.instance and reg-id required)");
        }
        boolean firstHop = request.all(Headers.VIA).size() == 1;
        String flowToken = flow != null && firstHop && (outbound || flow.connected())
                ? BindingFlows.token(flow) : null;
        List<String> pathValues = paths.isEmpty() ? List.of() : paths.stream().map(NameAddress::toString).toList();
        return new RegisterRequest(aor, callId, callCseq, false, specs, pathValues, source(flow), flowToken,
                userAgent(request), outbound && uaOutbound);
    }

    private static void checkRequire(Set<String> require) {
        Set<String> unknown = null;
        for (String tag : require) {
            if (!UNDERSTOOD.contains(tag)) {
                if (unknown == null) {
                    unknown = new LinkedHashSet<>();
                }
                unknown.add(tag);
            }
        }
        if (unknown != null) {
            // §8.2.2.3: list what is not understood in Unsupported
            throw new Rejected(Rejection.of(420, "Bad Extension", "Unsupported", String.join(", ", unknown)));
        }
    }

    private static SipUri toUri(SipRequest request) {
        NameAddress to;
        Uri uri;
        try {
            to = request.to();
            uri = to == null ? null : to.uri();
        } catch (ParseError e) {
            throw Rejected.with(400, "Bad Request (malformed To)");
        }
        if (!(uri instanceof SipUri sip)) {
            throw Rejected.with(400, "Bad Request (To must be a sip or sips URI)");
        }
        if (sip.user() == null || sip.user().isEmpty()) {
            throw Rejected.with(400, "Bad Request (To has no user part)");
        }
        return sip;
    }

    /** §10.3 step 4: an authenticated user may change only the AoRs whose user part is their username. */
    private static void authorize(SipUri to, String authenticatedUser) {
        if (authenticatedUser != null && !authenticatedUser.equals(to.user())) {
            throw Rejected.with(403, "Forbidden (not authorized for this address-of-record)");
        }
    }

    /** §10.3 step 5: the AoR must belong to the domain the REGISTER was sent to. */
    private static void checkDomain(SipUri to, SipRequest request, RegistrarConfig config) {
        String requestHost;
        try {
            requestHost = request.requestUri() instanceof SipUri r ? r.host() : null;
        } catch (ParseError e) {
            throw Rejected.with(400, "Bad Request (malformed Request-URI)");
        }
        if (requestHost == null || !config.isOurAorDomain(to.host(), requestHost)) {
            throw Rejected.with(404, "Not Found (address-of-record not in this domain)");
        }
    }

    /**
     * RFC 5626 §6: outbound applies when the registrar is the first hop (one Via) or the first Path URI carries
     * "ob" (an edge proxy that keeps the flow).
     */
    private static boolean outboundAllowed(SipRequest request, List<NameAddress> paths) {
        if (request.all(Headers.VIA).size() == 1) {
            return true;
        }
        if (paths.isEmpty()) {
            return false;
        }
        try {
            return paths.get(0).uri() instanceof SipUri s && s.hasParameter("ob");
        } catch (ParseError e) {
            throw Rejected.with(400, "Bad Request (malformed Path URI)");
        }
    }

    /** The q parameter (§20.10: 0 to 1, up to three decimals), rounded to three decimals; -1 when absent. */
    static double qValue(Parameters p) {
        if (!p.has("q")) {
            return -1;
        }
        String v = p.get("q");
        if (v == null || v.isEmpty() || v.length() > 12 || !v.matches("[0-9]+(\\.[0-9]*)?")) {
            throw Rejected.with(400, "Bad Request (malformed q-value)");
        }
        BigDecimal q = new BigDecimal(v.endsWith(".") ? v + "0" : v);
        if (q.compareTo(BigDecimal.ONE) > 0) {
            throw Rejected.with(400, "Bad Request (q-value outside 0 to 1)");
        }
        return q.setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    /** §10.3 step 7: the expires parameter, else the Expires header, else the configured default. */
    static long requestedExpires(Parameters p, Long expiresHeader, long dflt) {
        if (p.has("expires")) {
            String v = p.get("expires");
            if (v == null || v.isEmpty() || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return MALFORMED_EXPIRES; // §10.2.1: malformed values are treated as 3600
            }
            return v.length() > 10 ? MAX_DELTA : Math.min(Long.parseLong(v), MAX_DELTA);
        }
        if (expiresHeader != null) {
            return Math.min(expiresHeader, MAX_DELTA);
        }
        return dflt;
    }

    /** RFC 5626 §10: reg-id = 1*DIGIT, 1 to 2**31-1; 0 when absent. */
    static int regId(Parameters p) {
        if (!p.has("reg-id")) {
            return 0;
        }
        String v = p.get("reg-id");
        if (v == null || v.isEmpty() || v.length() > 10 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw Rejected.with(400, "Bad Request (malformed reg-id)");
        }
        long n = Long.parseLong(v);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw Rejected.with(400, "Bad Request (reg-id outside 1 to 2147483647)");
        }
        return (int) n;
    }

    private static Set<String> tags(List<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(v.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String source(Flow flow) {
        return flow == null ? null : BindingFlows.source(flow);
    }

    private static String userAgent(SipRequest request) {
        String ua = request.header("User-Agent");
        return ua == null || ua.length() <= MAX_USER_AGENT ? ua : ua.substring(0, MAX_USER_AGENT);
    }

    private static <T> T bad(String header, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ParseError e) {
            throw Rejected.with(400, "Bad Request (malformed " + header + ")");
        }
    }
}
