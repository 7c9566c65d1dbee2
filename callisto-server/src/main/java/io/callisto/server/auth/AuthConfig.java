package io.callisto.server.auth;

import io.callisto.auth.DigestAlgorithm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the server authenticates requests with Digest (RFC 3261 §22, RFC 7616, RFC 8760). Immutable; build one
 * with {@link #builder()} or take {@link #defaults()}.
 *
 * @param enabled             whether requests are authenticated at all
 * @param realms              realm per domain (keys lower-case); a domain not listed is its own realm
 * @param methods             the methods that are challenged (case-sensitive, RFC 3261 §7.1); never ACK or CANCEL
 *                            (§22.1)
 * @param algorithms          the algorithms offered, one challenge each, most preferred first (RFC 8760 §2.3);
 *                            only these are accepted in credentials
 * @param offerAuthInt        whether challenges offer {@code qop="auth,auth-int"} instead of {@code qop="auth"}
 *                            (credentials with qop=auth-int are verified either way)
 * @param nonceLifetime       how long a nonce is accepted after it was issued; then the client gets a new
 *                            challenge with stale=true (RFC 7616 §3.3)
 * @param checkDigestUri      whether the credentials' {@code uri} must name the Request-URI (RFC 7616 §3.4.6;
 *                            RFC 8760 §2.6 item 6 allows a UAS to accept a different one, e.g. behind a proxy that
 *                            retargets)
 * @param acceptNoQop         whether credentials without qop (RFC 2069, RFC 2617 §3.2.2.1) are accepted; each such
 *                            nonce is then good for one request only, since there is no nonce count
 * @param maxFailures         failed attempts from one source address within {@code failureWindow} that block it
 * @param failureWindow       the window in which failures are counted
 * @param blockDuration       how long a blocked source gets 403 without its credentials being looked at
 * @param maxTrackedAddresses bound on the source addresses whose failures are remembered
 * @param maxTrackedNonces    bound on the nonces whose last nonce count is remembered (replay protection)
 * @param ipv6PrefixLength    IPv6 sources are counted per prefix of this length (an attacker holds a whole /64)
 */
public record AuthConfig(boolean enabled, Map<String, String> realms, Set<String> methods,
        List<DigestAlgorithm> algorithms, boolean offerAuthInt, Duration nonceLifetime, boolean checkDigestUri,
        boolean acceptNoQop, int maxFailures, Duration failureWindow, Duration blockDuration,
        int maxTrackedAddresses, int maxTrackedNonces, int ipv6PrefixLength) {

    /** The methods challenged by default (OPTIONS is not: it is how peers probe a server). */
    public static final Set<String> DEFAULT_METHODS =
            Set.of("REGISTER", "INVITE", "MESSAGE", "SUBSCRIBE", "PUBLISH", "REFER");

    /** SHA-256 first, MD5 for older clients (RFC 8760 §2.3, RFC 7616 §3.7). */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS =
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /** Validates the values and makes immutable copies of the collections (the algorithms keep their order). */
    public AuthConfig {
        Objects.requireNonNull(realms, "realms");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(blockDuration, "blockDuration");
        Map<String, String> r = new LinkedHashMap<>();
        realms.forEach((domain, realm) -> r.put(domain.toLowerCase(Locale.ROOT), checkRealm(realm)));
        realms = Map.copyOf(r);
        for (String m : methods) {
            // §22.1: ACK takes no response and CANCEL cannot be resubmitted, so neither may be challenged.
            if ("ACK".equals(m) || "CANCEL".equals(m)) {
                throw new IllegalArgumentException(m + " cannot be challenged (RFC 3261 §22.1)");
            }
        }
        methods = Set.copyOf(new LinkedHashSet<>(methods));
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm must be offered");
        }
        if (new LinkedHashSet<>(algorithms).size() != algorithms.size()) {
            // RFC 8760 §2.3: several challenges of one realm must use different algorithms.
            throw new IllegalArgumentException("each algorithm may be offered once: " + algorithms);
        }
        for (DigestAlgorithm a : algorithms) {
            if (!a.isAvailable()) {
                throw new IllegalArgumentException(a.token() + " is not available in this Java runtime");
            }
        }
        algorithms = List.copyOf(algorithms);
        if (nonceLifetime.toMillis() < 1000) {
            throw new IllegalArgumentException("nonceLifetime must be at least 1 s: " + nonceLifetime);
        }
        if (maxFailures < 1 || failureWindow.toMillis() < 1 || blockDuration.toMillis() < 1) {
            throw new IllegalArgumentException("maxFailures, failureWindow and blockDuration must be positive");
        }
        if (maxTrackedAddresses < 1 || maxTrackedNonces < 1) {
            throw new IllegalArgumentException("maxTrackedAddresses and maxTrackedNonces must be positive");
        }
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("ipv6PrefixLength must be 1-128: " + ipv6PrefixLength);
        }
    }

    /** Every default: enabled, see {@link Builder} for the values. */
    public static AuthConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.realms = new LinkedHashMap<>(realms);
        b.methods = new LinkedHashSet<>(methods);
        b.algorithms = algorithms;
        b.offerAuthInt = offerAuthInt;
        b.nonceLifetime = nonceLifetime;
        b.checkDigestUri = checkDigestUri;
        b.acceptNoQop = acceptNoQop;
        b.maxFailures = maxFailures;
        b.failureWindow = failureWindow;
        b.blockDuration = blockDuration;
        b.maxTrackedAddresses = maxTrackedAddresses;
        b.maxTrackedNonces = maxTrackedNonces;
        b.ipv6PrefixLength = ipv6PrefixLength;
        return b;
    }

    /** The realm of {@code domain}: the configured one, else the domain itself (RFC 3261 §22.1). */
    public String realmFor(String domain) {
        String realm = realms.get(domain.toLowerCase(Locale.ROOT));
        return realm != null ? realm : domain;
    }

    /** True when authentication is enabled and requests of {@code method} are to be authenticated. */
    public boolean challenges(String method) {
        return enabled && methods.contains(method);
    }

    private static String checkRealm(String realm) {
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                throw new IllegalArgumentException("realm must be printable text without quotes: " + realm);
            }
        }
        if (realm.isEmpty()) {
            throw new IllegalArgumentException("realm must not be empty");
        }
        return realm;
    }

    /** Builds an {@link AuthConfig}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private boolean enabled = true;
        private Map<String, String> realms = new LinkedHashMap<>();
        private Set<String> methods = new LinkedHashSet<>(DEFAULT_METHODS);
        private List<DigestAlgorithm> algorithms = DEFAULT_ALGORITHMS;
        private boolean offerAuthInt = false;
        private Duration nonceLifetime = Duration.ofSeconds(300);
        private boolean checkDigestUri = true;
        private boolean acceptNoQop = false;
        private int maxFailures = 10;
        private Duration failureWindow = Duration.ofSeconds(60);
        private Duration blockDuration = Duration.ofSeconds(300);
        private int maxTrackedAddresses = 65_536;
        private int maxTrackedNonces = 100_000;
        private int ipv6PrefixLength = 64;

        private Builder() {
        }

        /** Default true. */
        public Builder enabled(boolean v) {
            enabled = v;
            return this;
        }

        /** Uses {@code realm} for {@code domain} (default: the domain is its own realm). */
        public Builder realm(String domain, String realm) {
            realms.put(domain, realm);
            return this;
        }

        /** Default {@link AuthConfig#DEFAULT_METHODS}. */
        public Builder methods(Set<String> v) {
            methods = new LinkedHashSet<>(v);
            return this;
        }

        /** Default {@link AuthConfig#DEFAULT_ALGORITHMS}. */
        public Builder algorithms(List<DigestAlgorithm> v) {
            algorithms = List.copyOf(v);
            return this;
        }

        /** Default false. */
        public Builder offerAuthInt(boolean v) {
            offerAuthInt = v;
            return this;
        }

        /** Default 300 s. */
        public Builder nonceLifetime(Duration v) {
            nonceLifetime = v;
            return this;
        }

        /** Default true. */
        public Builder checkDigestUri(boolean v) {
            checkDigestUri = v;
            return this;
        }

        /** Default false. */
        public Builder acceptNoQop(boolean v) {
            acceptNoQop = v;
            return this;
        }

        /** Default 10. */
        public Builder maxFailures(int v) {
            maxFailures = v;
            return this;
        }

        /** Default 60 s. */
        public Builder failureWindow(Duration v) {
            failureWindow = v;
            return this;
        }

        /** Default 300 s. */
        public Builder blockDuration(Duration v) {
            blockDuration = v;
            return this;
        }

        /** Default 65,536. */
        public Builder maxTrackedAddresses(int v) {
            maxTrackedAddresses = v;
            return this;
        }

        /** Default 100,000. */
        public Builder maxTrackedNonces(int v) {
            maxTrackedNonces = v;
            return this;
        }

        /** Default 64. */
        public Builder ipv6PrefixLength(int v) {
            ipv6PrefixLength = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException when a value is out of range (see the record's constructor)
         */
        public AuthConfig build() {
            return new AuthConfig(enabled, realms, methods, algorithms, offerAuthInt, nonceLifetime, checkDigestUri,
                    acceptNoQop, maxFailures, failureWindow, blockDuration, maxTrackedAddresses, maxTrackedNonces,
                    ipv6PrefixLength);
        }
    }
}
