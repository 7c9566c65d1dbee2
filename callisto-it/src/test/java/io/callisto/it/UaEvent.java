package io.callisto.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code callisto ua} output: {@code <ms> <event> key=value...}, values in double quotes when they
 * hold spaces (with {@code \"} and {@code \\} escaped), {@code -} for none.
 *
 * @param name   the event ({@code listening}, {@code answered}, {@code ended}, {@code summary}...)
 * @param fields the key=value pairs in order
 */
record UaEvent(String name, Map<String, String> fields) {

    /** The event on {@code line}, or null when the line is not an event line. */
    static UaEvent parse(String line) {
        String s = line.strip();
        int sp = s.indexOf(' ');
        if (sp <= 0 || !s.substring(0, sp).chars().allMatch(Character::isDigit)) {
            return null;
        }
        int i = sp + 1;
        int end = s.indexOf(' ', i);
        String name = end < 0 ? s.substring(i) : s.substring(i, end);
        Map<String, String> fields = new LinkedHashMap<>();
        i = end < 0 ? s.length() : end + 1;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < s.length() && s.charAt(j) == '"') {
                j++;
                while (j < s.length() && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    value.append(s.charAt(j++));
                }
                j++; // closing quote
            } else {
                while (j < s.length() && s.charAt(j) != ' ') {
                    value.append(s.charAt(j++));
                }
            }
            fields.put(key, value.toString());
            i = j + 1;
        }
        return new UaEvent(name, fields);
    }

    /** Every event named {@code name} in a UA's output, in order. */
    static java.util.List<UaEvent> all(String output, String name) {
        java.util.List<UaEvent> found = new java.util.ArrayList<>();
        for (String line : output.split("\n")) {
            UaEvent e = parse(line);
            if (e != null && e.name().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The last event named {@code name} in a UA's output; an assertion error shows the output if there is none. */
    static UaEvent last(String output, String name) {
        java.util.List<UaEvent> found = all(output, name);
        if (found.isEmpty()) {
            throw new AssertionError("no '" + name + "' line in:\n" + output);
        }
        return found.get(found.size() - 1);
    }

    /** A field's value; an assertion error names the line when it is missing. */
    String get(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new AssertionError("no " + key + "= in " + this);
        }
        return v;
    }

    /** A numeric field. */
    long number(String key) {
        return Long.parseLong(get(key));
    }
}
