package io.callisto.cli;

import io.callisto.server.Server;
import io.callisto.server.config.ConfigException;
import io.callisto.server.config.ConfigLoader;
import io.callisto.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callisto server}: the registrar and stateful proxy (or redirect server), configured by one YAML file
 * ({@code --config}) whose values the flags override. Runs until SIGTERM or SIGINT, then shuts down cleanly
 * (a shutdown hook; the JVM then exits with the signal's status).
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The Callisto server: registrar + stateful proxy (or redirect server) with digest auth,",
            "an embedded H2 store under --data (or PostgreSQL for a cluster) and an operations HTTP endpoint.",
            "Defaults: UDP and TCP on 127.0.0.1:5060, store ./data, HTTP 127.0.0.1:8060. docs/configuration.md "
                    + "lists every configuration key.",
            "Exit status: SIGTERM or SIGINT shut it down cleanly and it exits with the signal's status (143, 130);",
            "1 when it cannot start, 2 for a usage or configuration error."})
final class ServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (flags override it).")
    Path configFile;

    @Option(names = "--udp", paramLabel = "HOST:PORT", description = "UDP listening point (repeatable).")
    List<String> udp = new ArrayList<>();

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "TCP listening point (repeatable).")
    List<String> tcp = new ArrayList<>();

    @Option(names = "--tls", paramLabel = "HOST:PORT", description = "TLS listening point (repeatable; needs "
            + "--cert and --key).")
    List<String> tls = new ArrayList<>();

    @Option(names = "--ws", paramLabel = "HOST:PORT", description = "SIP over WebSocket listening point for "
            + "browsers (RFC 7118; repeatable).")
    List<String> ws = new ArrayList<>();

    @Option(names = "--wss", paramLabel = "HOST:PORT", description = "SIP over secure WebSocket listening point "
            + "(repeatable; needs --cert and --key).")
    List<String> wss = new ArrayList<>();

    @Option(names = "--sctp", paramLabel = "HOST:PORT", description = "SIP over SCTP listening point (RFC 4168; "
            + "repeatable; needs the kernel's SCTP module and libsctp, and says so at start where they are missing).")
    List<String> sctp = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "PEM", description = "TLS certificate chain.")
    String cert;

    @Option(names = "--key", paramLabel = "PEM", description = "TLS private key.")
    String key;

    @Option(names = "--domain", paramLabel = "NAME", description = "A domain this server is responsible for "
            + "(repeatable).")
    List<String> domains = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the embedded store (default ./data).")
    String data;

    @Option(names = "--http", paramLabel = "HOST:PORT|off", description = "Operations endpoint (default "
            + "127.0.0.1:8060).")
    String http;

    @Option(names = "--store", paramLabel = "h2|postgres", description = "Where registrations and users are kept.")
    String store;

    @Option(names = "--jdbc", paramLabel = "URL", description = "PostgreSQL JDBC URL (with --store postgres).")
    String jdbc;

    @Option(names = "--db-user", paramLabel = "NAME", description = "PostgreSQL user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "SECRET", description = "PostgreSQL password (visible in ps; "
            + "prefer the configuration file).")
    String dbPassword;

    @Option(names = "--auth", paramLabel = "on|off", description = "Digest authentication (default off).")
    String auth;

    @Option(names = "--auth-algorithms", paramLabel = "LIST", split = ",", description = "Digest algorithms "
            + "offered, most preferred first (default SHA-256,MD5; MD5 alone for clients that take the first "
            + "challenge and know only MD5, such as SIPp 3.6).")
    List<String> authAlgorithms = new ArrayList<>();

    @Option(names = "--realm", paramLabel = "REALM", description = "Realm of the challenges (default: the first "
            + "domain).")
    String realm;

    @Option(names = "--mode", paramLabel = "proxy|redirect", description = "Proxy calls (default) or answer 3xx.")
    String mode;

    @Option(names = "--node-id", paramLabel = "ID", description = "This node's id in a cluster (default random).")
    String nodeId;

    @Option(names = "--advertise", paramLabel = "HOST", description = "Host to put in Via and Record-Route.")
    String advertise;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads (default: half the cores, at least one).")
    Integer threads;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = configure();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Server server = new Server(config);
        try {
            server.start();
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            System.err.println("callisto server: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "callisto-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The file's configuration (or the defaults) with the flags applied, validated. */
    ServerConfig configure() throws ConfigException {
        ServerConfig c = configFile != null ? ConfigLoader.load(configFile) : ConfigLoader.defaults();
        if (!udp.isEmpty() || !tcp.isEmpty() || !tls.isEmpty() || !ws.isEmpty() || !wss.isEmpty()
                || !sctp.isEmpty()) {
            // any listening flag: the listening points are exactly the ones given on the command line
            c.listen.udp = udp;
            c.listen.tcp = tcp;
            c.listen.tls = tls;
            c.listen.ws = ws;
            c.listen.wss = wss;
            c.listen.sctp = sctp;
        }
        if (cert != null) {
            c.tls.certificate = cert;
        }
        if (key != null) {
            c.tls.key = key;
        }
        if (!domains.isEmpty()) {
            c.domains = domains;
        }
        if (data != null) {
            c.data = data;
        }
        if (http != null) {
            c.http.listen = http;
        }
        if (store != null) {
            c.store.kind = store;
        }
        if (jdbc != null) {
            c.store.jdbcUrl = jdbc;
            if (store == null) {
                c.store.kind = "postgres";
            }
        }
        if (dbUser != null) {
            c.store.user = dbUser;
        }
        if (dbPassword != null) {
            c.store.password = dbPassword;
        }
        if (auth != null) {
            c.auth.enabled = switch (auth.toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new ConfigException("--auth: '" + auth + "' (expected on or off)");
            };
        }
        if (!authAlgorithms.isEmpty()) {
            c.auth.algorithms = authAlgorithms;
        }
        if (realm != null) {
            c.auth.realm = realm;
        }
        if (mode != null) {
            c.mode = mode;
        }
        if (nodeId != null) {
            c.nodeId = nodeId;
        }
        if (advertise != null) {
            c.advertisedHost = advertise;
        }
        if (threads != null) {
            c.threads = threads;
        }
        ConfigLoader.validate(c);
        return c;
    }
}
