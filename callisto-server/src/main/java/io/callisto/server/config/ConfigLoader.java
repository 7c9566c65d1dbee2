package io.callisto.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callisto.auth.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration into a {@link ServerConfig} (kebab-case keys; an unknown key, a wrong type or a
 * value out of range is an error that names the key and the line) and checks the result as a whole.
 */
public final class ConfigLoader {

    private static final Set<String> METHODS = Set.of("REGISTER", "INVITE", "MESSAGE", "SUBSCRIBE", "PUBLISH",
            "REFER", "OPTIONS", "INFO", "NOTIFY", "UPDATE", "PRACK", "BYE");

    private ConfigLoader() {
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /** The defaults, as if an empty file had been read. */
    public static ServerConfig defaults() {
        return new ServerConfig();
    }

    /** Reads {@code file}; does not validate (flags may still change it: call {@link #validate} after). */
    public static ServerConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Reads YAML text; {@code source} names it in error messages. */
    public static ServerConfig parse(String yaml, String source) throws ConfigException {
        if (yaml.isBlank()) {
            return defaults();
        }
        try {
            ServerConfig c = mapper().readValue(yaml, ServerConfig.class);
            return c == null ? defaults() : c;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + where(e.getLocation()) + ": unknown key '" + path(e) + "'"
                    + known(e));
        } catch (JsonMappingException e) {
            throw new ConfigException(source + where(e.getLocation()) + ": bad value for '" + path(e) + "': "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + where(e.getLocation()) + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String where(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return " (known here: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Checks the whole configuration; the first problem found is thrown, naming its key. */
    public static void validate(ServerConfig c) throws ConfigException {
        if (c.listen.udp.isEmpty() && c.listen.tcp.isEmpty() && c.listen.tls.isEmpty() && c.listen.ws.isEmpty()
                && c.listen.wss.isEmpty() && c.listen.sctp.isEmpty()) {
            throw new ConfigException("listen: no listening point (give at least one of udp, tcp, tls, ws, wss, "
                    + "sctp)");
        }
        addresses(c.listen.udp, "listen.udp");
        addresses(c.listen.tcp, "listen.tcp");
        addresses(c.listen.tls, "listen.tls");
        addresses(c.listen.ws, "listen.ws");
        addresses(c.listen.wss, "listen.wss");
        addresses(c.listen.sctp, "listen.sctp");
        if ((!c.listen.tls.isEmpty() || !c.listen.wss.isEmpty()) && (c.tls.certificate == null || c.tls.key == null)) {
            throw new ConfigException("tls: a TLS or WSS listening point needs tls.certificate and tls.key (PEM "
                    + "files; `bin/callisto tls-cert` makes a development pair)");
        }
        for (int i = 0; i < c.domains.size(); i++) {
            String d = c.domains.get(i);
            if (d == null || d.isBlank() || d.contains(" ") || d.contains(":") && !d.startsWith("[")) {
                throw new ConfigException("domains[" + i + "]: '" + d + "' is not a domain name or address");
            }
        }
        if (c.threads < 0 || c.threads > 256) {
            throw new ConfigException("threads: " + c.threads + " is out of range 0..256 (0 = half the cores, at least one)");
        }
        String kind = lower(c.store.kind);
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new ConfigException("store.kind: '" + c.store.kind + "' (expected h2 or postgres)");
        }
        if (kind.equals("postgres") && (c.store.jdbcUrl == null || !c.store.jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new ConfigException("store.jdbc-url: the postgres store needs a jdbc:postgresql://HOST:PORT/DB URL");
        }
        if (c.store.poolSize < 1 || c.store.poolSize > 64) {
            throw new ConfigException("store.pool-size: " + c.store.poolSize + " is out of range 1..64");
        }
        if (c.store.checkpointSeconds < 1 || c.store.checkpointSeconds > 3600) {
            throw new ConfigException("store.checkpoint-seconds: " + c.store.checkpointSeconds
                    + " is out of range 1..3600");
        }
        String mode = lower(c.mode);
        if (!mode.equals("proxy") && !mode.equals("redirect")) {
            throw new ConfigException("mode: '" + c.mode + "' (expected proxy or redirect)");
        }
        for (String m : c.auth.methods) {
            if (m == null || !METHODS.contains(m)) {
                throw new ConfigException("auth.methods: '" + m + "' is not one of " + METHODS.stream().sorted()
                        .collect(Collectors.joining(", ")));
            }
        }
        if (c.auth.algorithms.isEmpty()) {
            throw new ConfigException("auth.algorithms: at least one algorithm is needed (SHA-256, MD5, ...)");
        }
        for (String a : c.auth.algorithms) {
            DigestAlgorithm alg = a == null ? null : DigestAlgorithm.fromToken(a);
            if (alg == null || !alg.isAvailable()) {
                throw new ConfigException("auth.algorithms: '" + a + "' is not one of MD5, SHA-256, SHA-512-256 "
                        + "(or their -sess forms)");
            }
        }
        if (c.auth.algorithms.stream().map(a -> a.toUpperCase(Locale.ROOT)).distinct().count()
                != c.auth.algorithms.size()) {
            throw new ConfigException("auth.algorithms: each algorithm may be listed once " + c.auth.algorithms);
        }
        range("auth.nonce-lifetime-seconds", c.auth.nonceLifetimeSeconds, 10, 86_400);
        range("auth.failure-limit", c.auth.failureLimit, 1, 100_000);
        range("auth.block-seconds", c.auth.blockSeconds, 1, 86_400);
        range("registrar.min-expires", c.registrar.minExpires, 1, 86_400);
        range("registrar.max-expires", c.registrar.maxExpires, c.registrar.minExpires, 31_536_000);
        range("registrar.default-expires", c.registrar.defaultExpires, c.registrar.minExpires,
                c.registrar.maxExpires);
        String forking = lower(c.proxy.forking);
        if (!forking.equals("parallel") && !forking.equals("sequential")) {
            throw new ConfigException("proxy.forking: '" + c.proxy.forking + "' (expected parallel or sequential)");
        }
        range("proxy.timer-c-seconds", c.proxy.timerCSeconds, 181, 86_400);
        range("proxy.sequential-branch-seconds", c.proxy.sequentialBranchSeconds, 1, 3_600);
        for (int i = 0; i < c.proxy.routes.size(); i++) {
            ServerConfig.Route r = c.proxy.routes.get(i);
            if (r == null || r.host == null || r.nextHop == null || !r.nextHop.startsWith("sip")) {
                throw new ConfigException("proxy.routes[" + i + "]: needs host and next-hop (a sip: or sips: URI)");
            }
        }
        if (!lower(c.http.listen).equals("off")) {
            HostPort.parse(c.http.listen, "http.listen");
        }
        range("timers.t1-ms", c.timers.t1Ms, 1, 60_000);
        range("timers.t2-ms", c.timers.t2Ms, c.timers.t1Ms, 600_000);
        range("timers.t4-ms", c.timers.t4Ms, 1, 600_000);
        range("limits.max-message-size", c.limits.maxMessageSize, 256, 16 << 20);
        range("limits.max-connections", c.limits.maxConnections, 1, 1_000_000);
        range("limits.idle-timeout-seconds", c.limits.idleTimeoutSeconds, 1, 86_400);
        range("limits.udp-receive-buffer", c.limits.udpReceiveBuffer, 65_536, 256 << 20);
        nameServers(c);
    }

    /** The configured name servers ({@code dns.servers}), port 53 when none is given. */
    public static List<InetSocketAddress> nameServers(ServerConfig c) throws ConfigException {
        List<InetSocketAddress> out = new java.util.ArrayList<>();
        for (int i = 0; i < c.dns.servers.size(); i++) {
            String s = c.dns.servers.get(i);
            try {
                out.add(io.callisto.transport.SocketAddresses.parse(s == null ? "" : s, 53));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("dns.servers[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static void addresses(List<String> list, String key) throws ConfigException {
        for (int i = 0; i < list.size(); i++) {
            HostPort.parse(list.get(i), key + "[" + i + "]");
        }
    }

    private static void range(String key, long v, long min, long max) throws ConfigException {
        if (v < min || v > max) {
            throw new ConfigException(key + ": " + v + " is out of range " + min + ".." + max);
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
