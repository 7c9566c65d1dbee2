package io.callisto.server.store;

import io.callisto.server.location.Binding;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link KillNineTest}: opens the H2 store in {@code args[0]} and writes bindings without end,
 * up to 16 in flight, printing {@code ACK n} once the future of binding {@code n} completed (flushed at once), until
 * it is killed.
 */
public final class KillNineChild {

    private KillNineChild() {
    }

    /** The AoR binding {@code n} belongs to (several bindings per AoR). */
    static String aor(int n) {
        return "sip:user" + (n % 37) + "@example.com";
    }

    /** The contact of binding {@code n}. */
    static String contact(int n) {
        return "sip:ua" + n + "@192.0.2.10:5060";
    }

    /** Runs until killed. */
    public static void main(String[] args) throws Exception {
        Stores stores = Stores.open(StoreConfig.h2(Path.of(args[0])));
        System.out.println(ChildJvm.MARK + "READY");
        System.out.flush();
        Semaphore inFlight = new Semaphore(16);
        for (int n = 0; ; n++) {
            inFlight.acquire();
            int i = n;
            Binding b = TestBindings.live(aor(i), contact(i));
            stores.location().update(aor(i), List.of(b), List.of()).whenComplete((v, e) -> {
                synchronized (System.out) {
                    System.out.println(ChildJvm.MARK + (e == null ? "ACK " + i : "FAIL " + i + " " + e));
                    System.out.flush();
                }
                inFlight.release();
            });
        }
    }
}
