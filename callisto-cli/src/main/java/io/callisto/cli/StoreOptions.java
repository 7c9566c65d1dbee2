package io.callisto.cli;

import io.callisto.server.store.StoreConfig;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that say where the server's stores are ({@code --data}, {@code --store}, {@code --jdbc}, ...). */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory of the H2 store (default ./${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--store", paramLabel = "h2|postgres",
            description = "Store kind (default h2, or postgres when --jdbc is given).")
    String store;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/callisto.")
    String jdbc;

    @Option(names = "--db-user", paramLabel = "NAME", description = "PostgreSQL user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "SECRET",
            description = "PostgreSQL password (visible to other local users in ps).")
    String dbPassword;

    /** The store configuration these options describe; a usage error when they do not fit together. */
    StoreConfig toConfig(CommandLine cl) {
        StoreConfig.Kind kind = store == null
                ? (jdbc != null ? StoreConfig.Kind.POSTGRES : StoreConfig.Kind.H2)
                : StoreConfig.Kind.parse(store);
        if (kind == null) {
            throw new CommandLine.ParameterException(cl, "--store must be h2 or postgres, not '" + store + "'");
        }
        if (kind == StoreConfig.Kind.POSTGRES && jdbc == null) {
            throw new CommandLine.ParameterException(cl, "--store postgres needs --jdbc URL");
        }
        if (kind == StoreConfig.Kind.H2 && (jdbc != null || dbUser != null || dbPassword != null)) {
            throw new CommandLine.ParameterException(cl, "--jdbc, --db-user and --db-password are for --store postgres");
        }
        try {
            return new StoreConfig(kind, data, jdbc, dbUser, dbPassword, null, 2,
                    StoreConfig.DEFAULT_CHECKPOINT_SECONDS);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
