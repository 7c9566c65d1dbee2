package io.callisto.server;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.server.auth.AuthConfig;
import io.callisto.server.auth.DigestAuthenticator;
import io.callisto.server.config.ConfigException;
import io.callisto.server.config.ConfigLoader;
import io.callisto.server.config.HostPort;
import io.callisto.server.config.ServerConfig;
import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.ops.OpsHttpServer;
import io.callisto.server.ops.ServerMetrics;
import io.callisto.server.proxy.Proxy;
import io.callisto.server.proxy.ForkingMode;
import io.callisto.server.proxy.ProxyConfig;
import io.callisto.server.proxy.StaticRoute;
import io.callisto.server.redirect.RedirectServer;
import io.callisto.server.registrar.Registrar;
import io.callisto.server.registrar.RegistrarConfig;
import io.callisto.server.store.StoreConfig;
import io.callisto.server.store.Stores;
import io.callisto.sip.uri.SipUri;
import io.callisto.transaction.TimerConfig;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.ua.SipStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Callisto server: the SIP stack with the registrar and the proxy (or redirect server) on top, the
 * stores, and the operations endpoint, built from one {@link ServerConfig}. {@link #start} brings it up in
 * order (store first, so that nothing is answered before registrations are loaded); {@link #close} shuts it
 * down cleanly: new requests get 503, in-flight transactions get a grace period, pending store writes finish,
 * then sockets and the store close.
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /**
     * Beyond this many transactions held as objects new requests get 503 (overload control, DESIGN principle 10).
     * Completed non-INVITE transactions over UDP that only wait out Timer J are not counted while they fit their
     * compact store (a quarter of the heap): at 25,000 REGISTER/s there are 800,000 of them, and counting them
     * answered every REGISTER 503 after about 20 s above 15,600/s.
     */
    static final int TRANSACTION_LIMIT = 500_000;
    /** How long {@link #close} lets in-flight transactions finish. */
    static final Duration GRACE = Duration.ofSeconds(3);

    private final ServerConfig config;
    private final String nodeId;
    private final ServerMetrics metrics = new ServerMetrics();
    private final long startedAt = System.currentTimeMillis();
    private Stores stores;
    private SipStack stack;
    private Registrar registrar;
    private ServerCore core;
    private OpsHttpServer http;
    private InetSocketAddress httpAddress;
    private volatile boolean serving;

    /** A server for {@code config} (already validated by {@code ConfigLoader.validate}). */
    public Server(ServerConfig config) {
        this.config = config;
        this.nodeId = config.nodeId == null || config.nodeId.equals("auto")
                ? UUID.randomUUID().toString().substring(0, 8) : config.nodeId;
    }

    /** Starts everything; on failure, what was started is closed again and the cause thrown. */
    public Server start() throws IOException, ConfigException {
        try {
            startAll();
            return this;
        } catch (IOException | ConfigException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() throws IOException, ConfigException {
        try {
            stores = Stores.open(storeConfig());
        } catch (SQLException e) {
            throw new IOException("cannot open the " + config.store.kind + " store: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        LocationStore locations = stores.location();

        SipStack.Builder b = SipStack.builder()
                .timers(new TimerConfig(config.timers.t1Ms, config.timers.t2Ms, config.timers.t4Ms,
                        Math.max(32_000L, 64L * config.timers.t1Ms)))
                .transport(t -> t.maxMessageSize(config.limits.maxMessageSize)
                        .maxConnections(config.limits.maxConnections)
                        .idleTimeout(Duration.ofSeconds(config.limits.idleTimeoutSeconds))
                        .udpReceiveBuffer(config.limits.udpReceiveBuffer));
        b.threads(config.eventLoops());
        b.dns(io.callisto.transport.dns.DnsSettings.DEFAULT.withServers(ConfigLoader.nameServers(config)));
        listen(b, Transport.UDP, config.listen.udp, "listen.udp");
        listen(b, Transport.TCP, config.listen.tcp, "listen.tcp");
        listen(b, Transport.TLS, config.listen.tls, "listen.tls");
        listen(b, Transport.WS, config.listen.ws, "listen.ws");
        listen(b, Transport.WSS, config.listen.wss, "listen.wss");
        listen(b, Transport.SCTP, config.listen.sctp, "listen.sctp");
        if (!config.listen.tls.isEmpty() || !config.listen.wss.isEmpty()) {
            b.tls(Path.of(config.tls.certificate), Path.of(config.tls.key),
                    config.tls.ca == null ? null : Path.of(config.tls.ca));
        }
        stack = b.build();
        stack.transport().setObserver(metrics);
        stack.start();
        List<ListeningPoint> points = stack.listeningPoints();
        Domains domains = new Domains(config.domains, points, config.advertisedHost);
        String realm = config.auth.realm != null ? config.auth.realm : domains.primary();

        registrar = new Registrar(registrarConfig(domains), locations, stack.owners(), stack.owners().ownerOf(nodeId),
                System::currentTimeMillis);
        DigestAuthenticator auth = config.auth.enabled ? new DigestAuthenticator(authConfig(domains, realm),
                stores.credentials(), System::currentTimeMillis, secret()) : null;
        boolean redirectMode = config.mode.toLowerCase(Locale.ROOT).equals("redirect");
        Proxy proxy = redirectMode ? null : new Proxy(proxyConfig(domains), stack.transactions(),
                stack.transport(), stack.owners(), locations, nodeId);
        RedirectServer redirect = redirectMode ? new RedirectServer(locations) : null;
        core = new ServerCore(domains, registrar, proxy, redirect, auth, Set.copyOf(config.auth.methods), realm,
                stack.transactions(), TRANSACTION_LIMIT);
        stack.setUser(core);
        registrar.start();
        metrics.gauge("sip_transactions", "live SIP transactions", () -> stack.transactions().activeTransactions());
        metrics.gauge("registrar_contacts", "registered contacts (bindings)", locations::bindingCount);
        metrics.gauge("registrar_aors", "address-of-records with at least one contact",
                () -> locations.aors().size());
        if (proxy != null) {
            metrics.gauge("proxy_calls_in_progress", "proxied INVITEs without a final response yet",
                    proxy::pendingInvites);
        }
        for (ListeningPoint lp : points) {
            LOG.info("listening transport={} address={}", lp.transport().name().toLowerCase(Locale.ROOT),
                    HostPortText.of(lp.address()));
        }
        if (!config.http.listen.equalsIgnoreCase("off")) {
            http = new OpsHttpServer(metrics, this::registrations, this::stats, () -> serving);
            httpAddress = http.start(HostPort.parse(config.http.listen, "http.listen"));
            LOG.info("listening transport=http address={}", HostPortText.of(httpAddress));
        }
        if (!config.auth.enabled && points.stream().anyMatch(p -> !p.address().getAddress().isLoopbackAddress())) {
            LOG.warn("digest authentication is off on a non-loopback address: anyone can register and relay calls "
                    + "(turn it on with --auth on or auth.enabled: true)");
        }
        serving = true;
        LOG.info("callisto server node={} mode={} store={} domains={} auth={}", nodeId, redirectMode ? "redirect"
                : "proxy", config.store.kind, domains.configured(), config.auth.enabled ? "on" : "off");
    }

    private void listen(SipStack.Builder b, Transport t, List<String> addresses, String key)
            throws ConfigException {
        for (int i = 0; i < addresses.size(); i++) {
            InetSocketAddress a = HostPort.parse(addresses.get(i), key + "[" + i + "]");
            if (config.advertisedHost != null) {
                b.listen(t, a, config.advertisedHost); // Via sent-by and Record-Route carry this name
            } else {
                b.listen(t, a);
            }
        }
    }

    private StoreConfig storeConfig() {
        boolean pg = config.store.kind.equalsIgnoreCase("postgres");
        return new StoreConfig(pg ? StoreConfig.Kind.POSTGRES : StoreConfig.Kind.H2, Path.of(config.data),
                config.store.jdbcUrl, config.store.user, config.store.password, nodeId, config.store.poolSize,
                config.store.checkpointSeconds);
    }

    private RegistrarConfig registrarConfig(Domains domains) {
        return RegistrarConfig.defaults(nodeId)
                .withExpires(config.registrar.minExpires, config.registrar.maxExpires, config.registrar.defaultExpires)
                .withDomains(domains.all());
    }

    private AuthConfig authConfig(Domains domains, String realm) {
        AuthConfig.Builder b = AuthConfig.builder()
                .methods(Set.copyOf(config.auth.methods))
                .algorithms(config.auth.algorithms.stream().map(DigestAlgorithm::fromToken).toList())
                .nonceLifetime(Duration.ofSeconds(config.auth.nonceLifetimeSeconds))
                .maxFailures(config.auth.failureLimit)
                .blockDuration(Duration.ofSeconds(config.auth.blockSeconds));
        for (String d : domains.configured()) {
            b.realm(d, realm);
        }
        return b.build();
    }

    private ProxyConfig proxyConfig(Domains domains) throws ConfigException {
        ProxyConfig.Builder b = ProxyConfig.builder()
                .recordRoute(config.proxy.recordRoute)
                .forking(config.proxy.forking.equalsIgnoreCase("sequential") ? ForkingMode.SEQUENTIAL
                        : ForkingMode.PARALLEL)
                .timerCMillis(config.proxy.timerCSeconds * 1000L)
                .sequentialTimeoutMillis(config.proxy.sequentialBranchSeconds * 1000L);
        for (String d : domains.configured()) {
            b.domain(d);
        }
        if (config.advertisedHost != null) {
            b.alias(config.advertisedHost); // the proxy knows its bound addresses; this name is ours too
        }
        for (int i = 0; i < config.proxy.routes.size(); i++) {
            ServerConfig.Route r = config.proxy.routes.get(i);
            SipUri next;
            try {
                next = SipUri.parse(r.nextHop);
            } catch (RuntimeException e) {
                throw new ConfigException("proxy.routes[" + i + "].next-hop: '" + r.nextHop + "' is not a SIP URI");
            }
            b.staticRoute(new StaticRoute(r.host, r.userPrefix, next));
        }
        return b.build();
    }

    private static byte[] secret() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return s;
    }

    /** The bound SIP listening points (actual ports). */
    public List<ListeningPoint> listeningPoints() {
        return stack.listeningPoints();
    }

    /** The bound HTTP address, or null when the endpoint is off. */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** /api/registrations: every AoR with its contacts. */
    private Object registrations() {
        LocationStore loc = stores.location();
        long now = System.currentTimeMillis();
        Map<String, Object> out = new TreeMap<>();
        for (String aor : loc.aors()) {
            out.put(aor, loc.lookup(aor).stream().map(bd -> contactJson(bd, now)).toList());
        }
        return out;
    }

    private static Map<String, Object> contactJson(Binding b, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contact", b.contact());
        m.put("expires", b.secondsLeft(now));
        if (b.q() >= 0) {
            m.put("q", b.q());
        }
        m.put("source", b.source());
        m.put("path", b.path());
        m.put("instance", b.instanceId());
        m.put("reg-id", b.regId());
        m.put("user-agent", b.userAgent());
        m.put("node", b.node());
        return m;
    }

    /** /api/stats. */
    private Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", nodeId);
        m.put("uptime-seconds", (System.currentTimeMillis() - startedAt) / 1000);
        m.put("transactions", stack.transactions().activeTransactions());
        m.put("contacts", stores.location().bindingCount());
        m.put("aors", stores.location().aors().size());
        m.put("requests-in", (long) metrics.total("sip_requests", "in"));
        m.put("responses-out", (long) metrics.total("sip_responses", "out"));
        m.put("requests-out", (long) metrics.total("sip_requests", "out"));
        m.put("responses-in", (long) metrics.total("sip_responses", "in"));
        return m;
    }

    /** Clean shutdown (SIGTERM): drain, let transactions finish within a grace period, flush and close. */
    @Override
    public void close() {
        serving = false;
        int unfinished = 0;
        if (core != null) {
            core.drain(); // new requests get 503 from now on
            long until = System.nanoTime() + GRACE.toNanos();
            while (stack.transactions().activeTransactions() > 0 && System.nanoTime() < until) {
                sleep(20); // in-flight transactions finish (those waiting out Timer J/L are cut short)
            }
            unfinished = stack.transactions().activeTransactions();
        }
        if (registrar != null) {
            registrar.stop();
        }
        if (stack != null) {
            stack.close();
        }
        if (http != null) {
            http.close();
        }
        if (stores != null) {
            stores.close();
        }
        if (core != null) {
            LOG.info("callisto server stopped: stores closed{}", unfinished == 0 ? ", every transaction finished"
                    : ", " + unfinished + " transaction(s) still active after the " + GRACE.toSeconds()
                            + " s grace period");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
