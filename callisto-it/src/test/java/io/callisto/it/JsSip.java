package io.callisto.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * JsSIP (npm package {@code jssip}, version {@value #VERSION}) for the browser tests: installed with npm from the
 * npm registry into {@code target/jssip} (once; no install scripts run), then joined into one script for a page
 * by a minimal CommonJS loader, since the package ships CommonJS modules only (no browser bundle).
 */
final class JsSip {

    /** The pinned JsSIP version. */
    static final String VERSION = "3.13.8";
    /** The packages the bundle holds: JsSIP and its dependencies' closure. */
    private static final List<String> PACKAGES = List.of("jssip", "debug", "ms", "events", "sdp-transform");

    private JsSip() {
    }

    /** The bundle's text, installing JsSIP first when needed; aborts the test when npm is missing. */
    static String bundle() throws Exception {
        Path root = Path.of("target", "jssip").toAbsolutePath();
        Path modules = root.resolve("node_modules");
        if (!Files.exists(modules.resolve("jssip").resolve("package.json"))
                || !Files.readString(modules.resolve("jssip").resolve("package.json")).contains("\"" + VERSION + "\"")) {
            install(root);
        }
        StringBuilder b = new StringBuilder(1 << 20);
        b.append("(function () {\nvar process = {env: {}}; var global = window; var defs = {}; var main = {};\n");
        for (String pkg : PACKAGES) {
            Path dir = modules.resolve(pkg);
            b.append("main['").append(pkg).append("'] = '").append(pkg).append('/')
                    .append(entry(dir)).append("';\n");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(JsSip::isModule).sorted().toList()) {
                    String id = pkg + "/" + dir.relativize(f).toString().replace(File.separatorChar, '/');
                    String src = Files.readString(f, StandardCharsets.UTF_8).replaceFirst("^#!.*", "");
                    b.append("defs['").append(id).append("'] = function (module, exports, require) {\n");
                    b.append(id.endsWith(".json") ? "module.exports = " + src + ";" : src);
                    b.append("\n};\n");
                }
            }
        }
        b.append(LOADER).append("window.JsSIP = load('jssip/lib/JsSIP.js');\n})();\n");
        return b.toString();
    }

    private static boolean isModule(Path f) {
        String n = f.getFileName().toString();
        String s = f.toString();
        return (n.endsWith(".js") && !n.endsWith(".d.ts") || n.equals("package.json"))
                && !s.contains(File.separator + "test" + File.separator)
                && !s.contains(File.separator + "node_modules" + File.separator + "node_modules");
    }

    /** The file a package name resolves to in a browser: package.json's "browser" (when a string), else "main". */
    private static String entry(Path dir) throws IOException {
        String json = Files.readString(dir.resolve("package.json"));
        String e = field(json, "browser");
        if (e == null) {
            e = field(json, "main");
        }
        e = e == null ? "index.js" : e.replaceFirst("^\\./", "");
        if (e.endsWith("/")) {
            e += "index.js";
        } else if (!e.endsWith(".js")) {
            e += Files.isDirectory(dir.resolve(e)) ? "/index.js" : ".js";
        }
        return e;
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void install(Path root) throws Exception {
        Files.createDirectories(root);
        Path log = root.resolve("npm.log");
        Process p;
        try {
            p = Reaper.track(new ProcessBuilder("npm", "install", "--prefix", root.toString(), "--no-audit",
                    "--no-fund", "--ignore-scripts", "--no-package-lock", "jssip@" + VERSION)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        } catch (IOException e) {
            Assumptions.abort("npm is not installed (`apt-get install -y npm`; .ci/run does): " + e.getMessage());
            return;
        }
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("npm install jssip@" + VERSION + " did not end within 180 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("npm install jssip@" + VERSION + " failed: " + Files.readString(log));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A CommonJS require over {@code defs}: relative paths, package names, .js/.json/index.js completion. */
    private static final String LOADER = """
            var cache = {};
            function resolve(from, spec) {
              if (spec.charAt(0) !== '.') {
                if (!main[spec]) { throw new Error('module not bundled: ' + spec + ' (from ' + from + ')'); }
                return main[spec];
              }
              var parts = from.split('/'); parts.pop();
              spec.split('/').forEach(function (p) {
                if (p === '..') { parts.pop(); } else if (p !== '.' && p !== '') { parts.push(p); }
              });
              var p = parts.join('/');
              var tries = [p, p + '.js', p + '.json', p + '/index.js'];
              for (var i = 0; i < tries.length; i++) { if (defs[tries[i]]) { return tries[i]; } }
              throw new Error('cannot resolve ' + spec + ' from ' + from);
            }
            function load(id) {
              if (cache[id]) { return cache[id].exports; }
              var module = {exports: {}};
              cache[id] = module;
              defs[id].call(module.exports, module, module.exports, function (spec) { return load(resolve(id, spec)); });
              return module.exports;
            }
            """;
}
