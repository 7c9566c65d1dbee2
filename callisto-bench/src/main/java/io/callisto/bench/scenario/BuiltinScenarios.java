package io.callisto.bench.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in scenarios ({@code call}, {@code uas}, {@code register}, {@code options}, {@code message}). Each is
 * an XML resource in SIPp's format with a few {@code {{placeholders}}} that are filled from the command's
 * options before parsing, so {@code bench dump NAME} prints exactly what would run, and the printed file runs
 * unchanged with {@code bench run --scenario}.
 */
public final class BuiltinScenarios {

    /** The names, in the order the CLI lists them. */
    public static final List<String> NAMES = List.of("call", "uas", "register", "options", "message");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private BuiltinScenarios() {
    }

    /**
     * The options a built-in's placeholders take, with their defaults: {@code to} (the Request-URI),
     * {@code from_user}, {@code domain}, {@code expires}, {@code text}, {@code ring_ms}, {@code answer_mix} and
     * {@code hangup} ({@code true}: the uas hangs up after the call length instead of waiting for the BYE),
     * {@code media_proto} and {@code crypto_line} (the SDP's transport and an optional a=crypto line:
     * {@link #srtp(Map)} sets them).
     */
    public static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("to", "sip:[service]@[remote_ip]:[remote_port]");
        m.put("from_user", "bench");
        m.put("domain", "[remote_ip]");
        m.put("expires", "3600");
        m.put("text", "callisto bench message [call_number]");
        m.put("ring_ms", "0");
        m.put("answer_mix", "200:100");
        m.put("hangup", "false");
        m.put("media_proto", "RTP/AVP");
        m.put("crypto_line", "");
        return m;
    }

    /**
     * The XML text of built-in {@code name} with its placeholders filled from {@code params} (missing ones take
     * {@link #defaults()}).
     *
     * @throws ScenarioException for an unknown name or a bad parameter
     */
    public static String xml(String name, Map<String, String> params) {
        if (!NAMES.contains(name)) {
            throw new ScenarioException("no built-in scenario '" + name + "'; built-ins: " + String.join(", ", NAMES));
        }
        Map<String, String> p = defaults();
        p.putAll(params);
        String text = resource(name + ".xml");
        if (name.equals("uas")) {
            p.put("ending", resource(Boolean.parseBoolean(p.get("hangup")) ? "uas-hangup.xml" : "uas-wait-bye.xml"));
            List<int[]> mix = parseMix(p.get("answer_mix"));
            p.put("reject_jumps", rejectJumps(mix));
            p.put("reject_blocks", rejectBlocks(mix));
        }
        return fill(text, p);
    }

    /**
     * Sets the placeholders of an SRTP offer or answer in the SDP of the built-ins ({@code --srtp}): transport
     * {@code RTP/SAVP} (RFC 3711 §12) and an {@code a=crypto:[media_crypto]} line (RFC 4568).
     */
    public static void srtp(Map<String, String> params) {
        params.put("media_proto", "RTP/SAVP");
        params.put("crypto_line", "\n      a=crypto:[media_crypto]");
    }

    /** Loads built-in {@code name}, filled from {@code params}. */
    public static Scenario load(String name, Map<String, String> params) {
        return ScenarioParser.parse(xml(name, params), name);
    }

    /**
     * Parses an answer mix such as {@code 200:90,486:10} into (code, weight) pairs; 200 must be the only 2xx and
     * rejections must be 300 to 699.
     */
    public static List<int[]> parseMix(String mix) {
        List<int[]> out = new ArrayList<>();
        for (String part : mix.split(",")) {
            String[] cw = part.trim().split(":");
            try {
                int code = Integer.parseInt(cw[0].trim());
                int weight = cw.length > 1 ? Integer.parseInt(cw[1].trim()) : 1;
                if (cw.length > 2 || weight < 0 || code != 200 && (code < 300 || code > 699)) {
                    throw new NumberFormatException();
                }
                for (int[] o : out) {
                    if (o[0] == code) {
                        throw new NumberFormatException();
                    }
                }
                out.add(new int[] {code, weight});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new ScenarioException("bad answer mix '" + mix + "': expected CODE:WEIGHT,... with codes 200 or"
                        + " 300-699, each once, e.g. 200:90,486:10");
            }
        }
        if (out.stream().mapToInt(cw -> cw[1]).sum() == 0) {
            throw new ScenarioException("bad answer mix '" + mix + "': the weights add up to 0");
        }
        return out;
    }

    private static String rejectJumps(List<int[]> mix) {
        long remaining = mix.stream().mapToLong(cw -> cw[1]).sum();
        StringBuilder sb = new StringBuilder();
        for (int[] cw : mix) {
            if (cw[0] == 200) {
                continue;
            }
            double chance = remaining == 0 ? 0 : (double) cw[1] / remaining;
            sb.append("  <nop next=\"reject").append(cw[0]).append("\" chance=\"")
                    .append(String.format(java.util.Locale.ROOT, "%.6f", chance)).append("\"/>\n");
            remaining -= cw[1];
        }
        return sb.toString();
    }

    private static String rejectBlocks(List<int[]> mix) {
        String fragment = resource("uas-reject.xml");
        StringBuilder sb = new StringBuilder();
        for (int[] cw : mix) {
            if (cw[0] != 200) {
                sb.append(fill(fragment, Map.of("code", Integer.toString(cw[0]), "reason", reason(cw[0]))));
            }
        }
        if (sb.length() == 0) {
            return "";
        }
        return "  <nop next=\"end\"/>\n" + sb + "  <label id=\"end\"/>\n";
    }

    private static String reason(int code) {
        String r = io.callisto.sip.message.ReasonPhrases.of(code);
        return r == null || r.isEmpty() ? "Rejected" : r;
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no value for {{" + m.group(1) + "}}");
            }
            if (!m.group(1).startsWith("reject") && !m.group(1).equals("ending")
                    && (v.contains("]]>") || v.contains("\""))) {
                throw new ScenarioException("the value of " + m.group(1) + " may not contain ]]> or a double quote");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String resource(String file) {
        try (InputStream in = BuiltinScenarios.class.getResourceAsStream("/io/callisto/bench/scenarios/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
