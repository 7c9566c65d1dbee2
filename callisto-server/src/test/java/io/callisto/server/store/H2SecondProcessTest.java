package io.callisto.server.store;

import static io.callisto.server.store.TestBindings.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second process opens the H2 store while this one (the server) has it open (H2's AUTO_SERVER): its credential
 * reaches this process through the change-counter poll, its binding write is refused (this process holds the
 * location journal), and this process's bindings reach it through the checkpoints; H2's auto-server port listens
 * on loopback only.
 */
class H2SecondProcessTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessCanWriteWhileTheServerHasTheStoreOpen() throws Exception {
        try (Stores server = Stores.open(StoreConfig.h2(dir))) {
            LinkedBlockingQueue<String> told = new LinkedBlockingQueue<>();
            server.location().addListener(told::add);

            Properties lock = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve("callisto.lock.db"))) {
                lock.load(r);
            }
            assertThat(lock.getProperty("server")).as("H2 auto-server address").matches("(localhost|127\\.0\\.0\\.1):\\d+");

            try (ChildJvm child = ChildJvm.start(SecondProcessChild.class, dir.toString(), "dave", "sip:dave@example.com")) {
                assertThat(child.nextLine(60_000)).startsWith("REFUSED ").contains("location journal");
                assertThat(child.nextLine(60_000)).isEqualTo("DONE");
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.process().exitValue()).isZero();
            }
            eventually(Duration.ofSeconds(10), "the server sees the new user",
                    () -> server.credentials().find("dave", "example.com").isPresent());
            assertThat(server.location().lookup("sip:dave@example.com")).isEmpty();
            assertThat(told).isEmpty();
        }
    }
}
