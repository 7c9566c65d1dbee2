package io.callisto.ua;

import io.callisto.auth.CredentialsProvider;
import io.callisto.auth.DigestCredentials;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import java.util.Objects;

/**
 * How a {@link UserAgent} presents itself.
 *
 * @param address         our address of record with an optional display name, e.g. {@code "Alice" <sip:alice@example.com>};
 *                        the From of requests we send outside dialogs
 * @param credentials     the accounts that answer digest challenges, by realm; null when none are to be answered
 * @param outboundProxy   a proxy every request outside a dialog goes to (a preloaded Route with {@code lr}), or null
 * @param registrar       where REGISTER requests are sent when it is not the AOR's domain, or null
 * @param userAgent       the User-Agent header value
 * @param registerExpires the registration expiry we ask for, in seconds
 * @param reliableProvisionals whether reliable provisional responses (RFC 3262, PRACK) are used
 * @param sessionTimers   the session timer policy (RFC 4028)
 */
public record UserAgentConfig(NameAddress address, CredentialsProvider credentials, SipUri outboundProxy,
                              Destination registrar, String userAgent, int registerExpires,
                              ReliableProvisionals reliableProvisionals, SessionTimers sessionTimers) {

    /** The User-Agent header written by default: product and version (RFC 3261 §20.41). */
    public static final String DEFAULT_USER_AGENT = "Callisto/" + Version.VERSION;

    public UserAgentConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reliableProvisionals, "reliableProvisionals");
        Objects.requireNonNull(sessionTimers, "sessionTimers");
        if (registerExpires <= 0) {
            throw new IllegalArgumentException("registerExpires must be positive");
        }
    }

    /** A builder for the given address of record, e.g. {@code sip:alice@example.com}. */
    public static Builder builder(String addressOfRecord) {
        return new Builder(NameAddress.parse(addressOfRecord.contains("<") ? addressOfRecord : "<" + addressOfRecord + ">"));
    }

    /** The AOR's user part, the default digest username. */
    public String defaultUsername() {
        return address.uri() instanceof SipUri s && s.user() != null ? s.user() : "anonymous";
    }

    /** Builds a {@link UserAgentConfig}. */
    public static final class Builder {
        private final NameAddress address;
        private CredentialsProvider credentials;
        private SipUri outboundProxy;
        private Destination registrar;
        private String userAgent = DEFAULT_USER_AGENT;
        private int registerExpires = 3600;
        private ReliableProvisionals reliableProvisionals = ReliableProvisionals.SUPPORTED;
        private SessionTimers sessionTimers = SessionTimers.DEFAULT;

        Builder(NameAddress address) {
            this.address = address;
        }

        /** One digest account for any realm; a null {@code username} means the AOR's user part. */
        public Builder credentials(String username, String password) {
            String user = username != null ? username : new UserAgentConfig(address, null, null, null, null, 1,
                    ReliableProvisionals.SUPPORTED, SessionTimers.OFF)
                    .defaultUsername();
            this.credentials = CredentialsProvider.of(DigestCredentials.of(user, password));
            return this;
        }

        /** Digest accounts chosen by realm (several realms may need different accounts). */
        public Builder credentials(CredentialsProvider provider) {
            this.credentials = provider;
            return this;
        }

        public Builder outboundProxy(SipUri proxy) {
            this.outboundProxy = proxy;
            return this;
        }

        public Builder registrar(Destination registrar) {
            this.registrar = registrar;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder registerExpires(int seconds) {
            this.registerExpires = seconds;
            return this;
        }

        /** Whether reliable provisional responses (RFC 3262) are used; {@code SUPPORTED} by default. */
        public Builder reliableProvisionals(ReliableProvisionals policy) {
            this.reliableProvisionals = policy;
            return this;
        }

        /** The session timer policy (RFC 4028); {@link SessionTimers#DEFAULT} (on, 1800 s, Min-SE 90 s) by default. */
        public Builder sessionTimers(SessionTimers policy) {
            this.sessionTimers = policy;
            return this;
        }

        public UserAgentConfig build() {
            return new UserAgentConfig(address, credentials, outboundProxy, registrar, userAgent,
                    registerExpires, reliableProvisionals, sessionTimers);
        }
    }
}
