package io.callisto.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File helpers shared by the report writers. */
final class Reports {

    private Reports() {
    }

    /** Creates the missing parent directories of {@code file}. */
    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
