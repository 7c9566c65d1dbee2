package io.callisto.auth;

import io.callisto.auth.internal.AuthCache;
import io.callisto.auth.internal.AuthCache.Scope;
import io.callisto.auth.internal.AuthorizationHeaders;
import io.callisto.auth.internal.ChallengeSelector;
import io.callisto.auth.internal.DigestOffer;
import io.callisto.auth.internal.NonceState;
import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The client side of SIP Digest authentication (RFC 3261 §22.2-§22.4 as updated by RFC 8760; computations of
 * RFC 7616 §3.4 in {@link DigestMath}).
 *
 * <p>On a 401 or 407, {@link #authorize} answers the challenges in place on the request to be re-sent; the
 * caller then increments the CSeq and uses a new branch (§22.2, §8.1.3.5) and sends it. Answered challenges are
 * cached so that {@link #preauthorize} can add credentials to later requests of the same protection space with
 * the next nonce count (RFC 7616 §3.6), e.g. to a REGISTER refresh.
 *
 * <pre>{@code
 * DigestClient auth = new DigestClient(CredentialsProvider.of(DigestCredentials.of("alice", "secret")));
 * if (response.status() == 401 || response.status() == 407) {
 *     if (auth.authorize(request, response)) { request.set(Headers.CSEQ, next); ... resend } else { fail }
 * }
 * }</pre>
 *
 * <p>Thread-safe: one client may serve every owner thread; its cache is a bounded concurrent map. A request is
 * edited only by the thread that calls a method with it.
 */
public final class DigestClient {
    /** The default bound on cached protection spaces (To hosts and Call-IDs). */
    public static final int DEFAULT_MAX_SCOPES = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CredentialsProvider provider;
    private final Set<String> outboundProxyRealms;
    private final Supplier<String> cnonces;
    private final AuthCache cache;

    /** A client answering with the accounts of {@code provider}. */
    public DigestClient(CredentialsProvider provider) {
        this(provider, Set.of());
    }

    /**
     * A client answering with the accounts of {@code provider}, which may reuse Proxy-Authenticate challenges of
     * {@code outboundProxyRealms} across dialogs; other proxy challenges are reused only within their Call-ID
     * (RFC 3261 §22.3).
     */
    public DigestClient(CredentialsProvider provider, Set<String> outboundProxyRealms) {
        this(provider, outboundProxyRealms, DigestClient::randomCnonce, DEFAULT_MAX_SCOPES);
    }

    /** For tests: a chosen cnonce source and cache bound. */
    DigestClient(CredentialsProvider provider, Set<String> outboundProxyRealms, Supplier<String> cnonces,
            int maxScopes) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.outboundProxyRealms = Set.copyOf(outboundProxyRealms);
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
        this.cache = new AuthCache(maxScopes);
    }

    /**
     * Answers the challenges of a 401 or 407 {@code challenge} to {@code request}, editing the request.
     *
     * <p>Every WWW-Authenticate and Proxy-Authenticate value is read (a forking proxy may put both kinds in one
     * response, RFC 3261 §22.3). For each realm, the strongest Digest challenge this client supports is chosen
     * ({@link ChallengeSelector}); one Authorization (for WWW-Authenticate) or Proxy-Authorization value is added
     * per realm, replacing any value of that realm the request carried. A realm is not answered when no
     * account is known for it, or when the request already carried credentials for it that the server rejected:
     * the same nonce again, or credentials computed for a fresh challenge (nonce count 1, or no count), unless
     * the challenge says stale=true (RFC 7616 §3.3: otherwise the username or password is wrong).
     *
     * <p>Never throws on malformed challenges: what cannot be parsed or answered is ignored (RFC 8760 §2.4).
     *
     * @return true when at least one realm was answered and the request should be re-sent; false when the caller
     *     should give up (RFC 8760 §2.4), e.g. because the status is not 401/407, no challenge can be answered,
     *     or every challenge rejects credentials already sent
     */
    public boolean authorize(SipRequest request, SipResponse challenge) {
        if (challenge.status() != 401 && challenge.status() != 407) {
            return false;
        }
        boolean www = answer(request, challenge, Headers.WWW_AUTHENTICATE, Headers.AUTHORIZATION, false);
        boolean proxy = answer(request, challenge, Headers.PROXY_AUTHENTICATE, Headers.PROXY_AUTHORIZATION, true);
        return www || proxy;
    }

    /**
     * Adds credentials for the challenges cached for this request's protection space (the To host for
     * WWW-Authenticate; the Call-ID, or an outbound proxy realm, for Proxy-Authenticate): each reuses its nonce
     * with the next nonce count (RFC 7616 §3.6, §3.4 nc). A value of the same realm already in the request is
     * replaced. A request without cached challenges is left as it is.
     */
    public void preauthorize(SipRequest request) {
        reuse(request, new Scope(false, toHost(request)), Headers.AUTHORIZATION);
        String callId = callId(request);
        if (callId != null) {
            reuse(request, new Scope(true, callId), Headers.PROXY_AUTHORIZATION);
        }
        reuse(request, new Scope(true, ""), Headers.PROXY_AUTHORIZATION);
    }

    /** Forgets every cached challenge (e.g. after the accounts changed). */
    public void clear() {
        cache.clear();
    }

    /** The number of protection spaces cached (for tests and metrics). */
    int cachedScopes() {
        return cache.scopeCount();
    }

    private boolean answer(SipRequest request, SipResponse response, HeaderKey<Challenge> challengeKey,
            HeaderKey<Credentials> credentialsKey, boolean proxy) {
        boolean answered = false;
        for (DigestOffer offer : ChallengeSelector.select(response, challengeKey)) {
            Credentials previous = AuthorizationHeaders.find(request, credentialsKey, offer.realm());
            if (previous != null && !offer.stale() && rejected(previous, offer)) {
                continue;
            }
            DigestCredentials account = provider.credentialsFor(offer.realm());
            if (account == null || !account.appliesTo(offer.realm())) {
                continue;
            }
            Scope scope = scopeFor(request, proxy, offer.realm());
            if (scope == null) {
                continue;
            }
            NonceState state = cache.update(scope, offer.realm(),
                    (realm, current) -> current != null && current.continues(offer, account) ? current
                            : new NonceState(offer, account, cnonces));
            Credentials answer = state.answer(request, cnonces);
            if (answer == null) {
                cache.remove(scope, state);
                continue;
            }
            AuthorizationHeaders.replace(request, credentialsKey, offer.realm(), answer);
            answered = true;
        }
        return answered;
    }

    /**
     * True when a challenge without stale=true rejects credentials the request already carried for its realm:
     * they used the same nonce (RFC 8760 §2.4: stale or wrong credentials, abandon), or they answered a fresh
     * challenge (nc 1, or no nc) so that a new nonce without stale means a wrong username or password (RFC 7616
     * §3.3 stale). Credentials reused from the cache (nc above 1) may meet an expired nonce and are retried once
     * with the new one.
     */
    private static boolean rejected(Credentials previous, DigestOffer offer) {
        return offer.nonce().equals(previous.nonce()) || previous.nonceCount() <= 1;
    }

    private void reuse(SipRequest request, Scope scope, HeaderKey<Credentials> key) {
        Collection<NonceState> states = cache.states(scope);
        for (NonceState state : states) {
            Credentials answer = state.answer(request, cnonces);
            if (answer == null) {
                cache.remove(scope, state);
            } else {
                AuthorizationHeaders.replace(request, key, state.realm(), answer);
            }
        }
    }

    private Scope scopeFor(SipRequest request, boolean proxy, String realm) {
        if (!proxy) {
            return new Scope(false, toHost(request));
        }
        if (outboundProxyRealms.contains(realm)) {
            return new Scope(true, "");
        }
        String callId = callId(request);
        return callId == null ? null : new Scope(true, callId);
    }

    /** The host of the To URI in lower case, the whole URI for a non-SIP URI, or "" when To is unreadable. */
    private static String toHost(SipRequest request) {
        try {
            NameAddress to = request.to();
            if (to == null) {
                return "";
            }
            Uri uri = to.uri();
            return uri instanceof SipUri sip ? sip.host().toLowerCase(Locale.ROOT) : uri.toString();
        } catch (ParseError e) {
            return "";
        }
    }

    private static String callId(SipRequest request) {
        try {
            return request.callId();
        } catch (ParseError e) {
            return null;
        }
    }

    private static String randomCnonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return DigestAlgorithm.hex(b);
    }
}
