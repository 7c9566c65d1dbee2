package io.callisto.cli.bench;

import io.callisto.bench.scenario.InjectionData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that fill a built-in scenario's placeholders (also accepted by {@code bench dump}). */
final class ScenarioArgs {

    @Option(names = "--to", paramLabel = "URI",
            description = "Request-URI and To of client scenarios (default sip:[service]@[remote_ip]:[remote_port]).")
    String to;

    @Option(names = "--from-user", paramLabel = "USER", description = "User part of From and Contact (default bench).")
    String fromUser;

    @Option(names = "--users", paramLabel = "FILE|PATTERN",
            description = "Source users: a SIPp injection file (user;password rows) or a pattern such as "
                    + "user{0..9999}; [field0] is the user, [field1] the password.")
    String users;

    @Option(names = "--password", defaultValue = "", description = "Password for pattern users (register).")
    String password;

    @Option(names = "--domain", description = "Registrar domain (register; default [remote_ip]).")
    String domain;

    @Option(names = "--expires", defaultValue = "3600", description = "Expires of REGISTER (default ${DEFAULT-VALUE}).")
    int expires;

    @Option(names = "--text", description = "Body of MESSAGE.")
    String text;

    @Option(names = "--ring-ms", defaultValue = "0", description = "uas: ringing time before the answer.")
    long ringMs;

    @Option(names = "--answer-mix", defaultValue = "200:100",
            description = "uas: response codes with weights, e.g. 200:90,486:10 (default ${DEFAULT-VALUE}).")
    String answerMix;

    /** The placeholder values. */
    Map<String, String> params(boolean usersAsFrom) {
        Map<String, String> p = new LinkedHashMap<>();
        if (to != null) {
            p.put("to", to);
        }
        if (fromUser != null) {
            p.put("from_user", fromUser);
        } else if (usersAsFrom && users != null) {
            p.put("from_user", "[field0]");
        }
        if (domain != null) {
            p.put("domain", domain);
        }
        p.put("expires", Integer.toString(expires));
        if (text != null) {
            p.put("text", text);
        }
        p.put("ring_ms", Long.toString(Math.max(0, ringMs)));
        p.put("answer_mix", answerMix);
        return p;
    }

    /** The injection rows of --users, or null. */
    InjectionData users() {
        if (users == null) {
            return null;
        }
        if (!users.contains("{") && Files.isRegularFile(Path.of(users))) {
            return InjectionData.read(Path.of(users));
        }
        return InjectionData.pattern(users, password);
    }
}
