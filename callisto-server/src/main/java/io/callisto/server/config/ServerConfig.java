package io.callisto.server.config;

import io.callisto.server.store.StoreConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code bin/callisto server} can be told, as read from the YAML file ({@code --config FILE}) and
 * then overridden by command-line flags. Keys are kebab-case in YAML ({@code min-expires}); docs/configuration.md
 * lists every key with its default. {@link ConfigLoader} reads it and checks it, reporting the first problem
 * with the key's path.
 *
 * <p>Mutable on purpose: Jackson fills it, the CLI overrides single values, then it is validated once and handed
 * to the server, which only reads it.
 */
public final class ServerConfig {

    /** This node's id in a cluster (bindings record which node holds a client's connection); "auto" = random. */
    public String nodeId = "auto";
    /** Domains this server is responsible for (registrar and proxy); empty = every name and address of its own. */
    public List<String> domains = new ArrayList<>();
    /** Listening points. */
    public Listen listen = new Listen();
    /** TLS certificate and key (PEM), required when a TLS listening point is configured. */
    public Tls tls = new Tls();
    /** Host name or address put in Via, Record-Route and Contact instead of the bound address (e.g. behind NAT). */
    public String advertisedHost;
    /** Event-loop threads (0 = automatic: half the cores, at least one; see {@link #eventLoops()}). */
    public int threads = 0;

    /**
     * The event loops to run: {@link #threads}, or when it is 0 half the cores, at least one. Every REGISTER and call
     * also needs the store's threads, the collector and usually a peer on the same machine, and each hop of a
     * message between two loops costs a wake-up: on a 2-core machine one loop served 15,000 REGISTER/s at about
     * 30 µs of loop CPU each, where two loops spent about 48 µs.
     */
    public int eventLoops() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
    /** Directory of the embedded store (and other files). */
    public String data = "./data";
    /** Where registrations and users are kept. */
    public Store store = new Store();
    /** proxy: a stateful proxy; redirect: answer 3xx with the registered contacts and never proxy. */
    public String mode = "proxy";
    /** Digest authentication of requests. */
    public Auth auth = new Auth();
    /** Registrar expiry limits. */
    public Registrar registrar = new Registrar();
    /** Proxy behaviour. */
    public Proxy proxy = new Proxy();
    /** Operations endpoint (/metrics, /api/..., /health). */
    public Http http = new Http();
    /** SIP timers. */
    public Timers timers = new Timers();
    /** Protection limits of the transport. */
    public Limits limits = new Limits();

    public Dns dns = new Dns();

    /** Listening points, each HOST:PORT (IPv6 as [addr]:port). */
    public static final class Listen {
        public List<String> udp = new ArrayList<>(List.of("127.0.0.1:5060"));
        public List<String> tcp = new ArrayList<>(List.of("127.0.0.1:5060"));
        public List<String> tls = new ArrayList<>();
        /** SIP over WebSocket (RFC 7118): browsers connect here; they cannot be connected to. */
        public List<String> ws = new ArrayList<>();
        /** SIP over secure WebSocket, with the certificate and key of {@code tls}. */
        public List<String> wss = new ArrayList<>();
        /** SIP over SCTP (RFC 4168), where the host supports it. */
        public List<String> sctp = new ArrayList<>();
    }

    /** PEM files for TLS. */
    public static final class Tls {
        public String certificate;
        public String key;
        /** CA bundle to verify peers (optional). */
        public String ca;
    }

    /** Store selection. */
    public static final class Store {
        /** h2 (embedded file under {@code data}) or postgres (shared by a cluster). */
        public String kind = "h2";
        public String jdbcUrl;
        public String user;
        public String password;
        public int poolSize = 8;
        /** H2: seconds between checkpoints of the location journal into the database file (1 to 3600). */
        public int checkpointSeconds = StoreConfig.DEFAULT_CHECKPOINT_SECONDS;
    }

    /** Digest authentication (RFC 7616 / RFC 8760 over RFC 3261 §22). */
    public static final class Auth {
        public boolean enabled = false;
        /** Realm of the challenges; default: the first domain (or the advertised host). */
        public String realm;
        /** Methods that are challenged. */
        public List<String> methods = new ArrayList<>(
                List.of("REGISTER", "INVITE", "MESSAGE", "SUBSCRIBE", "PUBLISH", "REFER"));
        /**
         * Digest algorithms offered, one challenge each, most preferred first (RFC 8760 §2.3); only these are
         * accepted. Clients that compute MD5 only and take the first challenge (SIPp 3.6, baresip 1.0) need MD5
         * first or alone.
         */
        public List<String> algorithms = new ArrayList<>(List.of("SHA-256", "MD5"));
        public int nonceLifetimeSeconds = 300;
        /** Failed attempts from one source address per minute before it is blocked. */
        public int failureLimit = 10;
        /** How long a blocked source stays blocked. */
        public int blockSeconds = 60;
    }

    /** Registrar (RFC 3261 §10.3). */
    public static final class Registrar {
        public int minExpires = 60;
        public int maxExpires = 3600;
        public int defaultExpires = 3600;
    }

    /** Proxy (RFC 3261 §16). */
    public static final class Proxy {
        public boolean recordRoute = true;
        /** parallel or sequential (by q-value). */
        public String forking = "parallel";
        /** Timer C, seconds (§16.6 step 11: more than 3 minutes). */
        public int timerCSeconds = 185;
        /** Each branch group's time in sequential forking, seconds. */
        public int sequentialBranchSeconds = 20;
        /** Static routes, tried before the location service. */
        public List<Route> routes = new ArrayList<>();
    }

    /** A static route: requests whose request-URI host (and optionally user prefix) match go to next-hop. */
    public static final class Route {
        public String host;
        public String userPrefix;
        public String nextHop;
    }

    /** The operations HTTP endpoint. */
    public static final class Http {
        /** HOST:PORT, or "off". */
        public String listen = "127.0.0.1:8060";
    }

    /** RFC 3261 timers (§17.1.1.1), milliseconds. */
    public static final class Timers {
        public int t1Ms = 500;
        public int t2Ms = 4000;
        public int t4Ms = 5000;
    }

    /** Transport protection. */
    public static final class Limits {
        public int maxMessageSize = 65_535;
        public int maxConnections = 10_000;
        public int idleTimeoutSeconds = 300;
        public int udpReceiveBuffer = 4 << 20;
    }

    /** RFC 3263 location of other domains' servers. */
    public static final class Dns {
        /** Name servers, HOST[:PORT] (port 53 by default); empty = the system's (resolv.conf). */
        public List<String> servers = new ArrayList<>();
    }
}
