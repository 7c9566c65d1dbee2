package io.callisto.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.server.location.Binding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the H2 store: a child JVM writes bindings and reports each acknowledged one; it is killed with
 * SIGKILL in the middle of its stream; every binding it acknowledged must be in the file when it is opened again.
 */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBindingSurvivesSigkill() throws Exception {
        List<Integer> acked = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(KillNineChild.class, dir.toString())) {
            String line = child.nextLine(60_000);
            assertThat(line).as("the child's first line").isEqualTo("READY");
            while (acked.size() < 300) {
                line = child.nextLine(30_000);
                if (line == null) {
                    fail("the child stopped answering after " + acked.size() + " acks");
                }
                if (line.startsWith("FAIL")) {
                    fail("the child's write failed: " + line);
                }
                acked.add(Integer.parseInt(line.substring("ACK ".length())));
            }
            child.kill(); // SIGKILL while more writes are in flight
            assertThat(child.process().exitValue()).isEqualTo(137);
            // what it printed before dying was acknowledged too
            while ((line = child.nextLine(1_000)) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(Integer.parseInt(line.substring("ACK ".length())));
                }
            }
        }
        try (Stores s = Stores.open(StoreConfig.h2(dir))) {
            List<Integer> missing = new ArrayList<>();
            for (int n : acked) {
                List<Binding> found = s.location().lookup(KillNineChild.aor(n));
                if (found.stream().noneMatch(b -> b.contact().equals(KillNineChild.contact(n)))) {
                    missing.add(n);
                }
            }
            assertThat(missing).as("acknowledged bindings lost to kill -9").isEmpty();
            assertThat(s.location().bindingCount()).isGreaterThanOrEqualTo(acked.size());
        }
    }
}
