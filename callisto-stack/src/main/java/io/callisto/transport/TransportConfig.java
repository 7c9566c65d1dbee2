package io.callisto.transport;

import io.callisto.sip.parse.ParserLimits;
import io.callisto.transport.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a {@link NettyTransportLayer}: what to listen on, TLS material, limits and timers.
 * Build one with {@link #builder()}; every setting but the listening points has a default (docs/transport.md
 * lists them).
 *
 * <pre>{@code
 * TransportConfig cfg = TransportConfig.builder()
 *         .listen(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060))
 *         .listen(Transport.TCP, new InetSocketAddress("192.0.2.10", 5060))
 *         .listen(Transport.TLS, new InetSocketAddress("192.0.2.10", 5061), "sip.example.com")
 *         .tls(new TlsSettings(Path.of("cert.pem"), Path.of("key.pem"), null, false))
 *         .build();
 * }</pre>
 */
public final class TransportConfig {

    /** Default largest message, start line to end of body (the UDP maximum, §18.1.1). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_535;
    /** Default most simultaneous connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default idle time after which a connection is closed (well above 64*T1, §18). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    /** Default time allowed for a TCP connect (and for a TLS handshake). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default UDP socket receive buffer asked of the kernel: 4 MiB holds about 0.1 s of datagrams at 10,000 calls
     * per second, enough to ride out a collector pause or a descheduled thread without drops. Linux caps it at
     * {@code net.core.rmem_max} (and then doubles it for its bookkeeping).
     */
    public static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 << 20;
    /** Default wait for a pong after a ping before the flow counts as failed (RFC 5626 §4.4.1: 10 s). */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);

    private final List<ListeningPoint> listeningPoints;
    private final TlsSettings tls;
    private final int maxMessageSize;
    private final int maxConnections;
    private final int udpReceiveBuffer;
    private final Duration idleTimeout;
    private final Duration keepAliveInterval;
    private final Duration keepAliveTimeout;
    private final Duration connectTimeout;
    private final ParserLimits parserLimits;
    private final double udpLossRate;
    private final long udpLossSeed;
    private final int ioThreads;
    private final boolean nativeTransport;
    private final io.callisto.transport.dns.DnsSettings dns;

    private TransportConfig(Builder b) {
        this.listeningPoints = List.copyOf(b.listeningPoints);
        this.tls = b.tls;
        this.maxMessageSize = b.maxMessageSize;
        this.maxConnections = b.maxConnections;
        this.udpReceiveBuffer = b.udpReceiveBuffer;
        this.idleTimeout = b.idleTimeout;
        this.keepAliveInterval = b.keepAliveInterval;
        this.keepAliveTimeout = b.keepAliveTimeout;
        this.connectTimeout = b.connectTimeout;
        this.parserLimits = b.parserLimits.withMaxMessageSize(b.maxMessageSize);
        this.udpLossRate = b.udpLossRate;
        this.udpLossSeed = b.udpLossSeed;
        this.ioThreads = b.ioThreads;
        this.nativeTransport = b.nativeTransport;
        this.dns = b.dns;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configured listening points (port 0 = ephemeral), in order. */
    public List<ListeningPoint> listeningPoints() {
        return listeningPoints;
    }

    /** TLS certificate, key and trust settings. */
    public TlsSettings tls() {
        return tls;
    }

    /** Largest message accepted or framed, in bytes. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** UDP socket receive buffer asked of the kernel, bytes (see {@link #DEFAULT_UDP_RECEIVE_BUFFER}). */
    public int udpReceiveBuffer() {
        return udpReceiveBuffer;
    }

    /** Most open connections (both directions); new inbound connections beyond it are refused. */
    public int maxConnections() {
        return maxConnections;
    }

    /** A connection with no traffic for this long is closed; zero means never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Interval between CRLFCRLF pings on connections we opened (RFC 5626 §4.4.1); zero means off. */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** How long to wait for the CRLF pong after a ping before closing the connection. */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** Time allowed for an outbound TCP connect and for a TLS handshake. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Parser limits, with {@link #maxMessageSize()} as their message size. */
    public ParserLimits parserLimits() {
        return parserLimits;
    }

    /** Testing only: fraction of UDP datagrams dropped on receive and on send (0 = none). */
    public double udpLossRate() {
        return udpLossRate;
    }

    /** Testing only: the seed of the loss sequence. */
    public long udpLossSeed() {
        return udpLossSeed;
    }

    /** Event-loop threads of a group the transport layer creates itself. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Use the native epoll transport when it is available (else, or when false, NIO). */
    public boolean nativeTransport() {
        return nativeTransport;
    }

    /** How host names in URIs and Via headers are located (RFC 3263). */
    public io.callisto.transport.dns.DnsSettings dns() {
        return dns;
    }

    /** A builder for {@link TransportConfig}. Not thread-safe. */
    public static final class Builder {
        private final List<ListeningPoint> listeningPoints = new ArrayList<>();
        private TlsSettings tls = TlsSettings.NONE;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int udpReceiveBuffer = DEFAULT_UDP_RECEIVE_BUFFER;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration keepAliveInterval = Duration.ZERO;
        private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private ParserLimits parserLimits = ParserLimits.DEFAULT;
        private double udpLossRate;
        private long udpLossSeed;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private boolean nativeTransport = true;
        private io.callisto.transport.dns.DnsSettings dns = io.callisto.transport.dns.DnsSettings.DEFAULT;

        private Builder() {
        }

        /**
         * Adds a listening point advertising its bound address in Via and Contact. WS and WSS points (RFC 7118)
         * accept WebSocket connections offering subprotocol {@code sip}; WSS, like TLS, needs {@link #tls}. SCTP points
         * (RFC 4168) need the host's SCTP support: {@code start()} fails with the reason where it is missing.
         */
        public Builder listen(Transport transport, InetSocketAddress bind) {
            return listen(transport, bind, null);
        }

        /**
         * Adds a listening point. {@code advertisedHost} (a host name or IP literal, IPv6 in brackets) is written
         * in Via sent-by instead of the bound address, e.g. a public name behind a NAT; it is also what
         * responses must carry in their top Via to be accepted (§18.1.2). Required when binding a wildcard
         * address.
         */
        public Builder listen(Transport transport, InetSocketAddress bind, String advertisedHost) {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(bind, "bind");
            if (bind.isUnresolved()) {
                throw new IllegalArgumentException("bind address must be resolved: " + bind);
            }
            listeningPoints.add(new ListeningPoint(transport, bind, advertisedHost));
            return this;
        }

        /** TLS certificate, key and trust settings. */
        public Builder tls(TlsSettings settings) {
            this.tls = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Shorthand: our certificate and key (PEM), keeping the trust settings. */
        public Builder tlsCertificate(Path certificatePem, Path privateKeyPem) {
            return tls(new TlsSettings(certificatePem, privateKeyPem, tls.trustedCa(), tls.trustAll()));
        }

        /** Shorthand: the CA certificates (PEM) that verify peers. */
        public Builder tlsTrustedCa(Path caPem) {
            return tls(new TlsSettings(tls.certificate(), tls.privateKey(), caPem, tls.trustAll()));
        }

        /** Shorthand: accept any peer certificate. Development and tests only. */
        public Builder tlsTrustAll(boolean trustAll) {
            return tls(new TlsSettings(tls.certificate(), tls.privateKey(), tls.trustedCa(), trustAll));
        }

        /** UDP socket receive buffer, 64 KiB to 256 MiB (default 4 MiB; the kernel may cap it). */
        public Builder udpReceiveBuffer(int bytes) {
            if (bytes < 65_536 || bytes > (256 << 20)) {
                throw new IllegalArgumentException("udpReceiveBuffer must be 65536..268435456: " + bytes);
            }
            this.udpReceiveBuffer = bytes;
            return this;
        }

        /** Largest message, 256 bytes to 16 MiB (default 65535). UDP datagrams cannot exceed 65535 anyway. */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 256 || bytes > 16 << 20) {
                throw new IllegalArgumentException("maxMessageSize must be 256..16777216: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Most open connections (default 10,000). */
        public Builder maxConnections(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnections must be positive: " + n);
            }
            this.maxConnections = n;
            return this;
        }

        /** Idle time before a connection is closed (default 300 s; zero = never). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = nonNegative(d, "idleTimeout");
            return this;
        }

        /** Interval between keep-alive pings on connections we opened (default zero = off). */
        public Builder keepAliveInterval(Duration d) {
            this.keepAliveInterval = nonNegative(d, "keepAliveInterval");
            return this;
        }

        /** Wait for a pong before the connection is closed (default 10 s). */
        public Builder keepAliveTimeout(Duration d) {
            this.keepAliveTimeout = positive(d, "keepAliveTimeout");
            return this;
        }

        /** Connect and TLS handshake timeout (default 5 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Parser limits (default {@link ParserLimits#DEFAULT}); the message size comes from maxMessageSize. */
        public Builder parserLimits(ParserLimits limits) {
            this.parserLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * TESTING ONLY: drops the fraction {@code rate} (0 to 1) of UDP datagrams, both received and sent, chosen
         * by a sequence seeded with {@code seed}. Lets lossy-network tests run on loopback; never set it in
         * production.
         */
        public Builder udpLossRate(double rate, long seed) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("loss rate must be within 0..1: " + rate);
            }
            this.udpLossRate = rate;
            this.udpLossSeed = seed;
            return this;
        }

        /** Threads of the event-loop group the layer creates (default: available processors). */
        public Builder ioThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("ioThreads must be positive: " + n);
            }
            this.ioThreads = n;
            return this;
        }

        /** Prefer the native epoll transport when available (default true); false forces NIO. */
        public Builder nativeTransport(boolean preferNative) {
            this.nativeTransport = preferNative;
            return this;
        }

        /** DNS settings for RFC 3263 location (default: the system's name servers). */
        public Builder dns(io.callisto.transport.dns.DnsSettings settings) {
            this.dns = Objects.requireNonNull(settings, "dns");
            return this;
        }

        /** The configuration; at least one listening point is required. */
        public TransportConfig build() {
            if (listeningPoints.isEmpty()) {
                throw new IllegalStateException("at least one listening point is required");
            }
            return new TransportConfig(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }

        private static Duration positive(Duration d, String what) {
            nonNegative(d, what);
            if (d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
