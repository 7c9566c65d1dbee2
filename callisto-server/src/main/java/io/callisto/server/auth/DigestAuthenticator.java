package io.callisto.server.auth;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.server.auth.internal.AuthResponses;
import io.callisto.server.auth.internal.DigestFields;
import io.callisto.server.auth.internal.FailureTracker;
import io.callisto.server.auth.internal.NonceCodec;
import io.callisto.server.auth.internal.NonceCounts;
import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Flow;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of SIP Digest authentication (RFC 3261 §22 with RFC 8760 and RFC 7616): decides whether a
 * request carries valid credentials for a realm, and otherwise makes the challenge or refusal to send.
 *
 * <ul>
 *   <li>Nonces are stateless (issue time, salt, HMAC under {@code secret}, see {@link NonceCodec}) and valid for
 *       {@link AuthConfig#nonceLifetime()}. A right answer to an expired, unknown or replayed nonce gets a new
 *       challenge with stale=true (RFC 7616 §3.3); nodes that share the secret accept each other's nonces.</li>
 *   <li>The nonce count must grow for each (user, nonce): a count already seen is a replay (RFC 7616 §3.4 nc,
 *       §5.5), answered with a stale challenge. The table is bounded ({@link NonceCounts}).</li>
 *   <li>A wrong password, an unknown user or malformed credentials count as failures of the source address; after
 *       {@link AuthConfig#maxFailures()} in {@link AuthConfig#failureWindow()} the source gets 403 without any
 *       check for {@link AuthConfig#blockDuration()}, and one WARN line is logged ({@link FailureTracker}).</li>
 * </ul>
 *
 * <p>Thread-safe and non-blocking: credentials come from the store's memory, the tables are concurrent, so any
 * owner thread may call {@link #authenticate} at any time.
 */
public final class DigestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(DigestAuthenticator.class);
    /** How far in the future a nonce's issue time may be (clocks of nodes sharing the secret differ a little). */
    private static final long CLOCK_SKEW_MILLIS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthConfig config;
    private final CredentialStore credentials;
    private final LongSupplier clock;
    private final long lifetimeMillis;
    private final NonceCodec nonces;
    private final NonceCounts counts;
    private final FailureTracker failures;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder challenged = new LongAdder();
    private final LongAdder staleChallenged = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder blockedRequests = new LongAdder();
    private final LongAdder blocks = new LongAdder();

    /**
     * An authenticator.
     *
     * @param config      the configuration
     * @param credentials the users; read from memory on every check
     * @param clockMillis milliseconds for nonce times and failure windows; use wall-clock time
     *                    ({@code System::currentTimeMillis}) when nodes share the secret or nonces must survive a
     *                    restart
     * @param secret      the nonce key, at least 16 bytes (copied); see {@link #newSecret()}
     * @throws IllegalArgumentException when the secret is shorter than 16 bytes
     */
    public DigestAuthenticator(AuthConfig config, CredentialStore credentials, LongSupplier clockMillis,
            byte[] secret) {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clockMillis, "clockMillis");
        this.lifetimeMillis = config.nonceLifetime().toMillis();
        this.nonces = new NonceCodec(secret);
        this.counts = new NonceCounts(config.maxTrackedNonces(), lifetimeMillis);
        this.failures = new FailureTracker(config.maxFailures(), config.failureWindow().toMillis(),
                config.blockDuration().toMillis(), config.maxTrackedAddresses(), config.ipv6PrefixLength());
    }

    /** 32 random bytes from a {@link SecureRandom}, for a node that does not share its nonce secret. */
    public static byte[] newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The configuration. */
    public AuthConfig config() {
        return config;
    }

    /**
     * Checks the credentials of {@code request} for {@code realm}. Never throws for anything the request holds.
     *
     * @param request the request (not edited; read on the calling thread only)
     * @param flow    the flow it arrived on: failures are counted per its remote address
     * @param realm   the realm to check against, usually {@link AuthConfig#realmFor} of the domain
     * @param proxy   false for a registrar or UAS (Authorization, 401), true for a proxy (Proxy-Authorization,
     *                407), RFC 3261 §22.2-§22.3
     * @return {@link AuthResult.Accepted}, or the {@link AuthResult.Challenge} or {@link AuthResult.Rejected}
     *     whose response the caller sends
     */
    public AuthResult authenticate(SipRequest request, Flow flow, String realm, boolean proxy) {
        long now = clock.getAsLong();
        InetAddress source = sourceOf(flow);
        if (source != null && failures.isBlocked(source, now)) {
            blockedRequests.increment();
            return new AuthResult.Rejected(
                    AuthResponses.refuse(request, 403, "Too many failed authentication attempts"));
        }
        try {
            return check(request, source, realm, proxy, now);
        } catch (ParseError e) {
            return failure(request, source, null, realm, now, 400, e.reasonPhrase(), "unreadable request");
        } catch (RuntimeException e) {
            LOG.warn("Authentication: unexpected error checking a {} from {}", request.method(), source, e);
            rejected.increment();
            return new AuthResult.Rejected(AuthResponses.refuse(request, 500, null));
        }
    }

    private AuthResult check(SipRequest request, InetAddress source, String realm, boolean proxy, long now) {
        HeaderKey<Credentials> key = proxy ? Headers.PROXY_AUTHORIZATION : Headers.AUTHORIZATION;
        List<Credentials> all;
        try {
            all = request.all(key);
        } catch (ParseError e) {
            return failure(request, source, null, realm, now, 400,
                    "Malformed " + key.name().canonical() + " (" + e.reason() + ")", "malformed credentials");
        }
        Credentials c = pick(all, realm);
        if (c == null || DigestFields.isPlaceholder(c)) {
            // §22.3: credentials of other realms are not ours to consume; none of ours means a first challenge.
            return challenge(request, proxy, realm, now, false);
        }
        DigestFields f;
        try {
            f = DigestFields.read(c, config.algorithms(), config.acceptNoQop());
        } catch (DigestFields.Malformed e) {
            return failure(request, source, c.username(), realm, now, 400,
                    "Malformed " + key.name().canonical() + " (" + e.getMessage() + ")", e.getMessage());
        }
        if (config.checkDigestUri() && !sameResource(f.uri(), request)) {
            // RFC 7616 §3.4.6: the uri must name the Request-URI's resource, else 400 (and worth logging).
            return failure(request, source, f.username(), realm, now, 400,
                    "Digest uri does not match the Request-URI", "digest uri " + f.uri() + " is not the Request-URI");
        }
        Credential credential = credentials.find(f.username(), realm).orElse(null);
        String ha1 = credential == null ? null : credential.ha1(f.algorithm());
        if (!verify(f, ha1, request)) {
            return failure(request, source, f.username(), realm, now, 403, "Forbidden",
                    ha1 == null ? "unknown user" : "wrong password");
        }
        // The password is right; now whether the nonce is one of ours, still valid and not replayed.
        long issuedAt = nonces.issuedAt(f.nonce(), realm);
        if (issuedAt == Long.MIN_VALUE || now - issuedAt >= lifetimeMillis || issuedAt - now > CLOCK_SKEW_MILLIS) {
            return challenge(request, proxy, realm, now, true);
        }
        if (!counts.advance(f.username() + '\n' + f.nonce(), issuedAt, f.nc(), now)) {
            LOG.debug("Authentication: nonce count {} of user {} already used or forgotten; stale challenge",
                    f.ncText(), printable(f.username()));
            return challenge(request, proxy, realm, now, true);
        }
        accepted.increment();
        return new AuthResult.Accepted(f.username());
    }

    /**
     * The Digest credentials for {@code realm}, or null. When several carry the realm (proxies of one realm that
     * each challenged a forked request, §22.3), the one answering a nonce of ours is preferred.
     */
    private Credentials pick(List<Credentials> all, String realm) {
        Credentials first = null;
        int candidates = 0;
        for (Credentials c : all) {
            if (c.isDigest() && realm.equals(c.realm())) {
                first = first == null ? c : first;
                candidates++;
            }
        }
        if (candidates > 1) {
            for (Credentials c : all) {
                if (c.isDigest() && realm.equals(c.realm()) && nonces.issuedAt(c.nonce(), realm) != Long.MIN_VALUE) {
                    return c;
                }
            }
        }
        return first;
    }

    /** The request-digest recomputed from the stored HA1 (RFC 7616 §3.4.1-§3.4.3), compared in constant time. */
    private static boolean verify(DigestFields f, String storedHa1, SipRequest request) {
        DigestAlgorithm alg = f.algorithm();
        // An unknown user costs the same hashing as a known one, so timing does not tell them apart.
        String secret = storedHa1 != null ? storedHa1 : "0".repeat(alg.hexLength());
        String ha1 = DigestMath.ha1(alg, secret, f.nonce(), f.cnonce());
        String bodyHash = DigestMath.AUTH_INT.equalsIgnoreCase(f.qop())
                ? DigestMath.bodyHash(alg, request.body()) : null;
        String expected = DigestMath.response(alg, ha1, f.nonce(), f.ncText(), f.cnonce(), f.qop(),
                request.method(), f.uri(), bodyHash);
        boolean match = DigestMath.matches(expected, f.response());
        return storedHa1 != null && match;
    }

    /** The digest-uri names the Request-URI: the same text, or equivalent URIs (RFC 3261 §19.1.4). */
    private static boolean sameResource(String digestUri, SipRequest request) {
        if (digestUri.equals(request.requestUriText())) {
            return true;
        }
        try {
            return Uri.parse(digestUri).equivalent(request.requestUri());
        } catch (ParseError e) {
            return false;
        }
    }

    private AuthResult challenge(SipRequest request, boolean proxy, String realm, long now, boolean stale) {
        (stale ? staleChallenged : challenged).increment();
        return new AuthResult.Challenge(AuthResponses.challenge(request, proxy, realm, nonces.mint(realm, now),
                config.algorithms(), config.offerAuthInt(), stale));
    }

    private AuthResult failure(SipRequest request, InetAddress source, String user, String realm, long now,
            int status, String reason, String why) {
        rejected.increment();
        LOG.debug("Authentication failed from {}: {} (user {}, realm {})", source, why, printable(user),
                printable(realm));
        if (source != null) {
            FailureTracker.Block block = failures.recordFailure(source, now);
            if (block != null) {
                blocks.increment();
                LOG.warn("Authentication: blocking {} for {} s after {} failed attempts within {} s "
                                + "(last: {}, user {}, realm {})", block.source(),
                        config.blockDuration().toSeconds(), block.failures(), config.failureWindow().toSeconds(),
                        why, printable(user), printable(realm));
            }
        }
        return new AuthResult.Rejected(AuthResponses.refuse(request, status, reason));
    }

    private InetAddress sourceOf(Flow flow) {
        if (flow == null || flow.remote() == null || flow.remote().getAddress() == null) {
            return null;
        }
        return failures.sourceOf(flow.remote().getAddress());
    }

    /**
     * Removes the Proxy-Authorization values of {@code realm} from a request a proxy accepted, before forwarding
     * it: they are for this proxy only, while values of other realms stay for the proxies they belong to (RFC 3261
     * §22.3). Values that do not parse are left alone.
     *
     * @return the number of values removed
     */
    public static int consumeCredentials(SipRequest request, String realm) {
        List<Credentials> all;
        try {
            all = request.all(Headers.PROXY_AUTHORIZATION);
        } catch (ParseError e) {
            return 0;
        }
        List<Credentials> keep = new ArrayList<>(all.size());
        for (Credentials c : all) {
            if (!(c.isDigest() && realm.equals(c.realm()))) {
                keep.add(c);
            }
        }
        if (keep.size() == all.size()) {
            return 0;
        }
        request.remove(HeaderName.PROXY_AUTHORIZATION);
        for (Credentials c : keep) {
            request.add(Headers.PROXY_AUTHORIZATION, c);
        }
        return all.size() - keep.size();
    }

    /** Counters and table sizes now. */
    public AuthStats stats() {
        return new AuthStats(accepted.sum(), challenged.sum(), staleChallenged.sum(), rejected.sum(),
                blockedRequests.sum(), blocks.sum(), failures.size(), counts.size());
    }

    /**
     * A user-supplied string fit for a log line: quoted, control characters and quotes replaced, at most 64
     * characters, so that a hostile username can neither forge log lines nor flood the log.
     */
    static String printable(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64) + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            if (i == 64) {
                sb.append("...");
                break;
            }
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c != 0x7f && c != '"' ? c : '?');
        }
        return sb.append('"').toString();
    }
}
