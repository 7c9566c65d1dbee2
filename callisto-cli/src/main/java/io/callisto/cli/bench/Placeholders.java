package io.callisto.cli.bench;

import io.callisto.bench.scenario.InjectionData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that fill a built-in scenario's placeholders, one mixin per group, so that each command takes only
 * the groups its scenario uses ({@code bench dump} takes them all). Each group puts its values into the map of
 * {@link io.callisto.bench.scenario.BuiltinScenarios}; an option not given keeps the built-in's default.
 */
final class Placeholders {

    private Placeholders() {
    }

    /** {@code --to}, {@code --from-user}: call, options, message. */
    static final class Addressing {
        @Option(names = "--to", paramLabel = "URI",
                description = "Request-URI and To (default sip:[service]@[remote_ip]:[remote_port]).")
        String to;

        @Option(names = "--from-user", paramLabel = "USER",
                description = "User part of From and Contact (default bench; with --users, the user of the row).")
        String fromUser;

        /** Puts to and from_user; with {@code users}, From is the row's user unless --from-user is given. */
        void put(Map<String, String> p, Users users) {
            if (to != null) {
                p.put("to", to);
            }
            if (fromUser != null) {
                p.put("from_user", fromUser);
            } else if (users != null && users.users != null) {
                p.put("from_user", "[field0]");
            }
        }
    }

    /** {@code --users}: the client built-ins. */
    static final class Users {
        @Option(names = "--users", paramLabel = "FILE|PATTERN",
                description = "Source users: a SIPp injection file (user;password rows) or a pattern such as "
                        + "user{0..9999}; [field0] is the user, [field1] the password.")
        String users;

        /** The injection rows of --users (pattern users get {@code password}), or null. */
        InjectionData rows(String password) {
            if (users == null) {
                return null;
            }
            if (!users.contains("{") && Files.isRegularFile(Path.of(users))) {
                return InjectionData.read(Path.of(users));
            }
            return InjectionData.pattern(users, password);
        }
    }

    /** {@code --password}, {@code --domain}, {@code --expires}: register. */
    static final class Registration {
        @Option(names = "--password", defaultValue = "", description = "Password of pattern users.")
        String password;

        @Option(names = "--domain", description = "Registrar domain (default [remote_ip]).")
        String domain;

        @Option(names = "--expires", defaultValue = "3600",
                description = "Expires of REGISTER (default ${DEFAULT-VALUE}).")
        int expires;

        void put(Map<String, String> p) {
            if (domain != null) {
                p.put("domain", domain);
            }
            p.put("expires", Integer.toString(expires));
        }
    }

    /** {@code --text}: message. */
    static final class Text {
        @Option(names = "--text", description = "Body of MESSAGE (default: callisto bench message N).")
        String text;

        void put(Map<String, String> p) {
            if (text != null) {
                p.put("text", text);
            }
        }
    }

    /** {@code --ring-ms}, {@code --answer-mix}: uas. */
    static final class Answering {
        @Option(names = "--ring-ms", defaultValue = "0", description = "Ringing time before the answer, in ms.")
        long ringMs;

        @Option(names = "--answer-mix", defaultValue = "200:100",
                description = "Response codes with weights, e.g. 200:90,486:10 (default ${DEFAULT-VALUE}).")
        String answerMix;

        void put(Map<String, String> p) {
            p.put("ring_ms", Long.toString(Math.max(0, ringMs)));
            p.put("answer_mix", answerMix);
        }
    }
}
