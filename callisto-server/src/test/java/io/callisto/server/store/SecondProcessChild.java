package io.callisto.server.store;

import io.callisto.server.auth.Credential;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link H2SecondProcessTest}: opens the H2 store in {@code args[0]} (which another process
 * has open), adds the user {@code args[1]}, checks that a binding of {@code args[2]} is refused (the server holds
 * the location journal), prints {@code DONE} and exits.
 */
public final class SecondProcessChild {

    private SecondProcessChild() {
    }

    /** Writes, prints DONE, exits 0; any failure exits 1. */
    public static void main(String[] args) throws Exception {
        try (Stores s = Stores.open(StoreConfig.h2(Path.of(args[0])))) {
            s.credentials().put(Credential.fromPassword(args[1], "example.com", "pw".toCharArray()))
                    .get(30, TimeUnit.SECONDS);
            try {
                s.location().update(args[2], List.of(TestBindings.live(args[2], "sip:second@192.0.2.99")), List.of())
                        .get(30, TimeUnit.SECONDS);
                System.out.println(ChildJvm.MARK + "BINDING WRITTEN");
                System.exit(1);
            } catch (java.util.concurrent.ExecutionException e) {
                System.out.println(ChildJvm.MARK + "REFUSED " + e.getCause().getMessage());
            }
            System.out.println(ChildJvm.MARK + "DONE");
            System.out.flush();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
