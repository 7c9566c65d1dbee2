package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code callisto server} as a separate process, the way an operator runs {@code bin/callisto server}: SIP on
 * 127.0.0.1 (UDP, and TCP unless {@link Builder#udpOnly()}), the operations endpoint on 127.0.0.1, the H2 store in
 * a directory of the test (or PostgreSQL with {@link Builder#args}). Ready once it logged its start line;
 * {@link #close()} kills it by PID, {@link #kill9()} is the crash of the durability test.
 */
final class CallistoServer implements AutoCloseable {

    /** The domain the tests register in. */
    static final String DOMAIN = "callisto.test";

    private static final Pattern STARTED = Pattern.compile("callisto server node=(\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli;
    private final int port;
    private final int httpPort;
    private final String nodeId;

    private CallistoServer(Cli cli, int port, int httpPort, String nodeId) {
        this.cli = cli;
        this.port = port;
        this.httpPort = httpPort;
        this.nodeId = nodeId;
    }

    /** A server whose files (store, logs, configuration) go to {@code dir}. */
    static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** Options of one server process. */
    static final class Builder {
        private final Path dir;
        private String name = "server";
        private int port;
        private int httpPort;
        private boolean tcp = true;
        private Path data;
        private String yaml;
        private final List<String> domains = new ArrayList<>(List.of(DOMAIN));
        private final List<String> extra = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Names the log files ({@code NAME.out}, {@code NAME.err}) and, by default, the data directory. */
        Builder name(String n) {
            this.name = n;
            return this;
        }

        /** Fixed SIP and HTTP ports (a restart on the same addresses); by default free ones are picked. */
        Builder ports(int sip, int http) {
            this.port = sip;
            this.httpPort = http;
            return this;
        }

        /** No TCP listening point (a request too large for UDP is then not switched to TCP, §18.1.1). */
        Builder udpOnly() {
            this.tcp = false;
            return this;
        }

        /** The store directory ({@code --data}); default {@code dir/NAME-data}. */
        Builder data(Path d) {
            this.data = d;
            return this;
        }

        /** Replaces the domains (default {@value CallistoServer#DOMAIN}). */
        Builder domains(String... names) {
            domains.clear();
            domains.addAll(List.of(names));
            return this;
        }

        /** A configuration file with this YAML ({@code --config}); flags still override it. */
        Builder config(String yamlText) {
            this.yaml = yamlText;
            return this;
        }

        /** More command-line arguments ({@code --auth on}, {@code --mode redirect}, {@code --jdbc ...}). */
        Builder args(String... a) {
            extra.addAll(List.of(a));
            return this;
        }

        /** Starts the process and waits (bounded) until it is ready. */
        CallistoServer start() throws Exception {
            int sip = port > 0 ? port : FreePorts.udpAndTcp();
            int http = httpPort > 0 ? httpPort : FreePorts.tcp();
            List<String> args = new ArrayList<>(List.of("server", "--udp", "127.0.0.1:" + sip));
            if (tcp) {
                args.addAll(List.of("--tcp", "127.0.0.1:" + sip));
            }
            args.addAll(List.of("--http", "127.0.0.1:" + http,
                    "--data", (data != null ? data : dir.resolve(name + "-data")).toString()));
            for (String d : domains) {
                args.addAll(List.of("--domain", d));
            }
            if (yaml != null) {
                Path f = dir.resolve(name + ".yaml");
                Files.writeString(f, yaml);
                args.addAll(List.of("--config", f.toString()));
            }
            args.addAll(extra);
            Cli cli = Cli.start(dir, name, args.toArray(new String[0]));
            try {
                return new CallistoServer(cli, sip, http, awaitStarted(cli));
            } catch (Exception | Error e) {
                cli.close();
                throw e;
            }
        }
    }

    private static String awaitStarted(Cli cli) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.START_SECONDS);
        while (System.nanoTime() < deadline) {
            Matcher m = STARTED.matcher(cli.stderr());
            if (m.find()) {
                return m.group(1);
            }
            if (!cli.isAlive()) {
                throw new AssertionError("callisto server exited before it was ready:\n" + cli.stdout()
                        + cli.stderr());
            }
            Thread.sleep(50); // polls the log file the process writes
        }
        throw new AssertionError("callisto server (pid " + cli.pid() + ") not ready within " + Cli.START_SECONDS
                + " s:\n" + cli.stderr());
    }

    /** The SIP port (UDP, and TCP when enabled). */
    int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, SIPp's remote host. */
    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The operations endpoint's port. */
    int httpPort() {
        return httpPort;
    }

    /** The node id the server logged. */
    String nodeId() {
        return nodeId;
    }

    boolean isAlive() {
        return cli.isAlive();
    }

    /** The server's log (standard output and error), for failure messages. */
    String log() throws IOException {
        return cli.stdout() + cli.stderr();
    }

    /** Its WARN and ERROR log lines. */
    List<String> warnings() throws IOException {
        return cli.stackWarnings();
    }

    /** GET {@code path} on the operations endpoint; the status must be 200. */
    String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString(
                        StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    /** {@code /api/registrations}: AoR to its contacts. */
    JsonNode registrations() throws Exception {
        return JSON.readTree(get("/api/registrations"));
    }

    /** The contact URIs bound to {@code aor} (e.g. {@code sip:bob@callisto.test}) right now. */
    List<String> contacts(String aor) throws Exception {
        List<String> found = new ArrayList<>();
        JsonNode list = registrations().get(aor);
        if (list != null) {
            list.forEach(b -> found.add(b.get("contact").asText()));
        }
        return found;
    }

    /** Waits (bounded) until {@code aor} has {@code contact} among its bindings. */
    void awaitContact(String aor, String contact, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (contacts(aor).contains(contact)) {
                return;
            }
            Thread.sleep(50); // polling another process's state
        }
        throw new AssertionError(aor + " has no contact " + contact + " within " + seconds + " s: "
                + registrations().toPrettyString());
    }

    /** Waits (bounded) until one of {@code aor}'s contacts contains {@code fragment}; returns that contact. */
    String awaitContactContaining(String aor, String fragment, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String c : contacts(aor)) {
                if (c.contains(fragment)) {
                    return c;
                }
            }
            Thread.sleep(50); // polling another process's state
        }
        throw new AssertionError(aor + " has no contact containing " + fragment + " within " + seconds + " s: "
                + registrations().toPrettyString());
    }

    /** SIGTERM now; waits (bounded) for the exit and returns its status. */
    int terminate(int seconds) throws Exception {
        return cli.terminate(seconds);
    }

    /** {@code kill -9} now. */
    void kill9() throws InterruptedException {
        cli.kill9();
    }

    @Override
    public void close() throws InterruptedException {
        cli.close();
    }
}
