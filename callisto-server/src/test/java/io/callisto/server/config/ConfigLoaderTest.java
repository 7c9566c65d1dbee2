package io.callisto.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreValidAndListenOnLoopback() throws Exception {
        ServerConfig c = ConfigLoader.defaults();
        ConfigLoader.validate(c);
        assertThat(c.listen.udp).containsExactly("127.0.0.1:5060");
        assertThat(c.listen.tcp).containsExactly("127.0.0.1:5060");
        assertThat(c.store.kind).isEqualTo("h2");
        assertThat(c.store.checkpointSeconds).isEqualTo(30);
        assertThat(c.data).isEqualTo("./data");
        assertThat(c.auth.enabled).isFalse();
        assertThat(c.mode).isEqualTo("proxy");
    }

    @Test
    void readsKebabCaseKeysFromAFile() throws Exception {
        Path f = dir.resolve("callisto.yaml");
        Files.writeString(f, """
                node-id: a1
                domains: [example.com, example.org]
                listen:
                  udp: ["0.0.0.0:5070"]
                  tcp: []
                registrar:
                  min-expires: 30
                  max-expires: 7200
                  default-expires: 600
                auth:
                  enabled: true
                  nonce-lifetime-seconds: 60
                proxy:
                  forking: sequential
                  routes:
                    - host: pstn.example.com
                      next-hop: sip:gw.example.com:5080
                http:
                  listen: "off"
                store:
                  checkpoint-seconds: 10
                """);
        ServerConfig c = ConfigLoader.load(f);
        ConfigLoader.validate(c);
        assertThat(c.nodeId).isEqualTo("a1");
        assertThat(c.domains).containsExactly("example.com", "example.org");
        assertThat(c.listen.udp).containsExactly("0.0.0.0:5070");
        assertThat(c.listen.tcp).isEmpty();
        assertThat(c.registrar.minExpires).isEqualTo(30);
        assertThat(c.registrar.defaultExpires).isEqualTo(600);
        assertThat(c.auth.enabled).isTrue();
        assertThat(c.auth.nonceLifetimeSeconds).isEqualTo(60);
        assertThat(c.proxy.forking).isEqualTo("sequential");
        assertThat(c.proxy.routes).singleElement().satisfies(r -> {
            assertThat(r.host).isEqualTo("pstn.example.com");
            assertThat(r.nextHop).isEqualTo("sip:gw.example.com:5080");
        });
        assertThat(c.http.listen).isEqualTo("off");
        assertThat(c.store.checkpointSeconds).isEqualTo(10);
    }

    @Test
    void digestAlgorithmsAreConfigurableAndChecked() throws Exception {
        assertThat(ConfigLoader.defaults().auth.algorithms).containsExactly("SHA-256", "MD5");
        ServerConfig md5 = ConfigLoader.parse("auth:\n  algorithms: [MD5]\n", "f.yaml");
        ConfigLoader.validate(md5);
        assertThat(md5.auth.algorithms).containsExactly("MD5");
        assertThatThrownBy(() -> ConfigLoader.validate(ConfigLoader.parse("auth:\n  algorithms: [SHA-1]\n", "f")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.algorithms").hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> ConfigLoader.validate(ConfigLoader.parse("auth:\n  algorithms: []\n", "f")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.algorithms");
        assertThatThrownBy(() -> ConfigLoader.validate(ConfigLoader.parse("auth:\n  algorithms: [MD5, md5]\n",
                "f"))).isInstanceOf(ConfigException.class).hasMessageContaining("once");
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("registrar:\n  min-expire: 10\n", "f.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("f.yaml:2")
                .hasMessageContaining("min-expire")
                .hasMessageContaining("min-expires");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("threads: many\n", "f.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void brokenYamlIsReported() {
        assertThatThrownBy(() -> ConfigLoader.parse("listen: [\n", "f.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("f.yaml");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void validationNamesTheKey() throws Exception {
        assertInvalid("registrar:\n  min-expires: 600\n  default-expires: 60\n", "registrar.default-expires");
        assertInvalid("listen:\n  udp: [\"127.0.0.1:99999\"]\n", "listen.udp[0]");
        assertInvalid("listen:\n  udp: [\"::1:5060\"]\n", "listen.udp[0]");
        assertInvalid("listen:\n  udp: []\n  tcp: []\n", "no listening point");
        assertInvalid("listen:\n  tls: [\"127.0.0.1:5061\"]\n", "tls.certificate");
        assertInvalid("listen:\n  wss: [\"127.0.0.1:443\"]\n", "tls.certificate");
        assertInvalid("listen:\n  ws: [\"127.0.0.1:http\"]\n", "listen.ws[0]");
        assertInvalid("store:\n  kind: mysql\n", "store.kind");
        assertInvalid("store:\n  kind: postgres\n", "store.jdbc-url");
        assertInvalid("store:\n  checkpoint-seconds: 0\n", "store.checkpoint-seconds");
        assertInvalid("mode: b2bua\n", "mode");
        assertInvalid("auth:\n  methods: [FOO]\n", "auth.methods");
        assertInvalid("proxy:\n  timer-c-seconds: 10\n", "proxy.timer-c-seconds");
        assertInvalid("http:\n  listen: nowhere\n", "http.listen");
    }

    @Test
    void webSocketListeningPointsAreAccepted() throws Exception {
        ServerConfig c = ConfigLoader.parse("listen:\n  udp: []\n  tcp: []\n  ws: [\"127.0.0.1:8080\"]\n", "f");
        ConfigLoader.validate(c);
        assertThat(c.listen.ws).containsExactly("127.0.0.1:8080");
        assertThat(c.listen.wss).isEmpty();
    }

    @Test
    void ipv6ListeningPointsParse() throws Exception {
        ServerConfig c = ConfigLoader.parse("listen:\n  udp: [\"[::1]:5060\"]\n  tcp: []\n", "f");
        ConfigLoader.validate(c);
        assertThat(HostPort.parse("[::1]:5060", "k").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    }

    private static void assertInvalid(String yaml, String key) throws Exception {
        ServerConfig c = ConfigLoader.parse(yaml, "f.yaml");
        assertThatThrownBy(() -> ConfigLoader.validate(c)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }
}
