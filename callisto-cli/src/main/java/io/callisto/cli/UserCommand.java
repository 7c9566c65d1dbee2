package io.callisto.cli;

import io.callisto.server.auth.Credential;
import io.callisto.server.auth.CredentialStore;
import io.callisto.server.store.StoreConfig;
import io.callisto.server.store.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code callisto user add|remove|list}: manages the users of the server's credential store (H2 or PostgreSQL). Only
 * the HA1 digests ({@code H(user:realm:password)} for MD5, SHA-256 and SHA-512/256) are stored, never the password.
 * Works while the server runs: a running server sees the change within 2 s (H2) or at once (PostgreSQL).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Manage the users of the server's credential store (HA1 digests only, never the password).",
            "Exit status: 0 done, 1 the store failed or the user does not exist, 2 usage error."},
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
final class UserCommand implements Runnable {

    private static final int MAX_NAME = 256;
    private static final long TIMEOUT_SECONDS = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: user add, user remove or user list");
    }

    /** {@code user add USER --realm REALM (--password-stdin | --password SECRET)}. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Add a user, or change the password of an existing one.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "USER", description = "User name (the digest username).")
        String user;

        @Option(names = "--realm", paramLabel = "REALM", required = true,
                description = "Realm of the user (usually the SIP domain).")
        String realm;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--password", paramLabel = "SECRET",
                description = "The password (visible to other local users in ps; prefer --password-stdin).")
        String password;

        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            checkName(cl, "user", user);
            checkName(cl, "realm", realm);
            if (passwordStdin == (password != null)) {
                throw new CommandLine.ParameterException(cl, "give the password with --password-stdin or --password");
            }
            char[] secret = passwordStdin ? readPassword(cl) : password.toCharArray();
            Credential credential = Credential.fromPassword(user, realm, secret);
            Arrays.fill(secret, '\0');
            return withStore(cl, store.toConfig(cl), users -> {
                await(users.put(credential));
                cl.getOut().println("added " + user + " in realm " + realm);
                return 0;
            });
        }

        private static char[] readPassword(CommandLine cl) {
            String line;
            try {
                // not closed: standard input belongs to the process
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(cl, "cannot read the password from standard input: "
                        + e.getMessage());
            }
            if (line == null || line.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--password-stdin: standard input has no password line");
            }
            return line.toCharArray();
        }
    }

    /** {@code user remove USER --realm REALM}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user from a realm.")
    static final class Remove implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "USER", description = "User name.")
        String user;

        @Option(names = "--realm", paramLabel = "REALM", required = true, description = "Realm of the user.")
        String realm;

        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            checkName(cl, "user", user);
            checkName(cl, "realm", realm);
            return withStore(cl, store.toConfig(cl), users -> {
                if (!await(users.remove(user, realm))) {
                    cl.getErr().println("callisto user remove: no user " + user + " in realm " + realm);
                    return 1;
                }
                cl.getOut().println("removed " + user + " from realm " + realm);
                return 0;
            });
        }
    }

    /** {@code user list [--realm REALM]}: one {@code realm user} line per user, sorted. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the users, one 'realm user' line each, sorted by realm then user.")
    static final class ListUsers implements Callable<Integer> {

        @Option(names = "--realm", paramLabel = "REALM", description = "Only the users of this realm.")
        String realm;

        @Mixin
        StoreOptions store;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            return withStore(cl, store.toConfig(cl), users -> {
                PrintWriter out = cl.getOut();
                for (Credential c : users.list()) {
                    if (realm == null || realm.equals(c.realm())) {
                        out.println(c.realm() + " " + c.user());
                    }
                }
                out.flush();
                return 0;
            });
        }
    }

    /** What a command does with the open credential store; returns the exit code. */
    private interface Action {
        int run(CredentialStore users) throws Exception;
    }

    private static int withStore(CommandLine cl, StoreConfig config, Action action) {
        String name = "callisto user " + cl.getCommandName() + ": ";
        try (Stores stores = Stores.open(config)) {
            return action.run(stores.credentials());
        } catch (SQLException e) {
            cl.getErr().println(name + e.getMessage());
            return 1;
        } catch (ExecutionException e) {
            cl.getErr().println(name + "the store failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            cl.getErr().println(name + "the store did not answer within " + TIMEOUT_SECONDS + " s");
            return 1;
        } catch (Exception e) {
            cl.getErr().println(name + e);
            return 1;
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A user or realm name: 1 to 256 characters, no control characters, no spaces at either end. */
    static void checkName(CommandLine cl, String what, String value) {
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw new CommandLine.ParameterException(cl, "the " + what + " must have 1 to " + MAX_NAME + " characters");
        }
        if (!value.strip().equals(value)) {
            throw new CommandLine.ParameterException(cl, "the " + what + " must not start or end with spaces");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw new CommandLine.ParameterException(cl, "the " + what + " must not contain control characters");
            }
        }
    }
}
