package io.callisto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.server.auth.Credential;
import io.callisto.server.store.StoreConfig;
import io.callisto.server.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callisto user}: add, list, remove against an H2 store in a temporary directory; usage errors; a live server. */
class UserCommandTest {

    @TempDir
    Path dir;

    private LintCommandTest.Run user(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("user"));
        all.addAll(List.of(args));
        return LintCommandTest.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                all.toArray(new String[0]));
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void addListRemove() throws Exception {
        LintCommandTest.Run r = user("correct horse\n", "add", "alice", "--realm", "example.com", "--password-stdin",
                "--data", data());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("added alice in realm example.com");
        assertThat(user("", "add", "bob", "--realm", "example.com", "--password", "pw2", "--data", data()).exit()).isZero();
        assertThat(user("", "add", "zed", "--realm", "another.org", "--password", "pw3", "--data", data()).exit()).isZero();

        LintCommandTest.Run list = user("", "list", "--data", data());
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().toList()).containsExactly("another.org zed", "example.com alice", "example.com bob");
        assertThat(user("", "list", "--realm", "example.com", "--data", data()).out().lines().toList())
                .containsExactly("example.com alice", "example.com bob");

        LintCommandTest.Run rm = user("", "remove", "bob", "--realm", "example.com", "--data", data());
        assertThat(rm.exit()).isZero();
        assertThat(rm.out()).contains("removed bob from realm example.com");
        LintCommandTest.Run again = user("", "remove", "bob", "--realm", "example.com", "--data", data());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no user bob in realm example.com");
        assertThat(user("", "list", "--data", data()).out().lines().toList())
                .containsExactly("another.org zed", "example.com alice");

        // HA1 values stored, and the password nowhere in the database file
        try (Stores s = Stores.open(StoreConfig.h2(Path.of(data())))) {
            Optional<Credential> alice = s.credentials().find("alice", "example.com");
            assertThat(alice).isPresent();
            assertThat(alice.get().ha1Md5()).isEqualTo(DigestMath.secret(DigestAlgorithm.MD5, "alice", "example.com",
                    "correct horse".toCharArray()));
        }
        byte[] file = Files.readAllBytes(Path.of(data(), "callisto.mv.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("correct horse");
    }

    @Test
    void badArgumentsExitWith2() {
        String d = data();
        assertThat(user("").exit()).isEqualTo(2);
        assertThat(user("", "frobnicate").exit()).isEqualTo(2);
        assertThat(user("", "add", "alice", "--password", "x", "--data", d).exit()).as("no realm").isEqualTo(2);
        assertThat(user("", "add", "alice", "--realm", "r", "--data", d).exit()).as("no password").isEqualTo(2);
        assertThat(user("pw\n", "add", "alice", "--realm", "r", "--password", "x", "--password-stdin", "--data", d).exit())
                .as("two passwords").isEqualTo(2);
        assertThat(user("", "add", "alice", "--realm", "r", "--password-stdin", "--data", d).exit())
                .as("empty standard input").isEqualTo(2);
        assertThat(user("", "add", "al\tice", "--realm", "r", "--password", "x", "--data", d).exit())
                .as("control character").isEqualTo(2);
        assertThat(user("", "add", "alice", "--realm", "", "--password", "x", "--data", d).exit()).as("empty realm")
                .isEqualTo(2);
        assertThat(user("", "list", "--store", "mysql", "--data", d).exit()).isEqualTo(2);
        assertThat(user("", "list", "--store", "postgres").exit()).as("postgres without --jdbc").isEqualTo(2);
        assertThat(user("", "list", "--jdbc", "jdbc:mysql://x/y").exit()).as("not a PostgreSQL URL").isEqualTo(2);
        LintCommandTest.Run r = user("", "remove", "alice", "--data", d);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--realm");
        assertThat(Files.exists(Path.of(d))).as("nothing created by a usage error").isFalse();
    }

    @Test
    void anUnreachableDatabaseExitsWith1() {
        LintCommandTest.Run r = user("", "list", "--jdbc", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("callisto user list: ");
    }

    @Test
    void worksWhileAServerHasTheStoreOpen() throws Exception {
        Path d = Path.of(data());
        try (Stores server = Stores.open(StoreConfig.h2(d))) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "user", "add", "erin", "--realm",
                    "example.com", "--password-stdin", "--data", d.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                try (OutputStream in = p.getOutputStream()) {
                    in.write("s3cret\n".getBytes(StandardCharsets.UTF_8));
                }
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
                assertThat(p.exitValue()).isZero();
            } finally {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.credentials().find("erin", "example.com").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.credentials().find("erin", "example.com")).as("the server sees the new user").isPresent();
        }
    }
}
