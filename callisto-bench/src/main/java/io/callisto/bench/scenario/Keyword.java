package io.callisto.bench.scenario;

import java.util.Locale;

/**
 * One {@code [keyword]} of a message template, resolved per call when the message is sent.
 *
 * @param kind     which keyword
 * @param number   the N of {@code [fieldN]}, of {@code [cseq+N]} (negative for {@code [cseq-N]}); 0 otherwise
 * @param header   the header name of {@code [last_Name:]}; null otherwise
 * @param username for {@code [authentication]}: the user name, itself possibly a {@code [fieldN]} reference
 * @param password for {@code [authentication]}: the password, itself possibly a {@code [fieldN]} reference
 */
public record Keyword(Kind kind, int number, String header, String username, String password) {

    /** The supported keywords (docs/load-testing.md lists them with their meaning). */
    public enum Kind {
        SERVICE, REMOTE_IP, REMOTE_PORT, LOCAL_IP, LOCAL_PORT, LOCAL_IP_TYPE, TRANSPORT, CALL_ID, CALL_NUMBER,
        CSEQ, BRANCH, LAST_HEADER, ROUTES, PEER_TAG_PARAM, LEN, FIELD, AUTHENTICATION, PID, MEDIA_IP,
        MEDIA_IP_TYPE, MEDIA_PORT, AUTO_MEDIA_PORT, NEXT_URL, PEER_PARTY, LOCAL_PARTY, MEDIA_CRYPTO
    }

    /** A keyword without arguments. */
    public static Keyword of(Kind kind) {
        return new Keyword(kind, 0, null, null, null);
    }

    /**
     * Parses the text between the brackets of a template keyword.
     *
     * @throws ScenarioException when the keyword is not supported, naming it
     */
    public static Keyword parse(String text) {
        String t = text.trim();
        switch (t) {
            case "service": return of(Kind.SERVICE);
            case "remote_ip": return of(Kind.REMOTE_IP);
            case "remote_port": return of(Kind.REMOTE_PORT);
            case "local_ip": return of(Kind.LOCAL_IP);
            case "local_port": return of(Kind.LOCAL_PORT);
            case "local_ip_type": return of(Kind.LOCAL_IP_TYPE);
            case "transport": return of(Kind.TRANSPORT);
            case "call_id": return of(Kind.CALL_ID);
            case "call_number": return of(Kind.CALL_NUMBER);
            case "cseq": return of(Kind.CSEQ);
            case "branch": return of(Kind.BRANCH);
            case "routes": return of(Kind.ROUTES);
            case "peer_tag_param": return of(Kind.PEER_TAG_PARAM);
            case "len": return of(Kind.LEN);
            case "pid": return of(Kind.PID);
            case "media_ip": return of(Kind.MEDIA_IP);
            case "media_ip_type": return of(Kind.MEDIA_IP_TYPE);
            case "media_port": return of(Kind.MEDIA_PORT);
            case "auto_media_port": return of(Kind.AUTO_MEDIA_PORT);
            case "media_crypto": return of(Kind.MEDIA_CRYPTO);
            case "next_url": return of(Kind.NEXT_URL);
            case "peer_party": return of(Kind.PEER_PARTY);
            case "local_party": return of(Kind.LOCAL_PARTY);
            default: break;
        }
        if (t.startsWith("cseq+") || t.startsWith("cseq-")) {
            int n = number(t.substring(5), t);
            return new Keyword(Kind.CSEQ, t.charAt(4) == '+' ? n : -n, null, null, null);
        }
        if (t.startsWith("field") && t.length() > 5 && t.substring(5).chars().allMatch(Character::isDigit)) {
            return new Keyword(Kind.FIELD, number(t.substring(5), t), null, null, null);
        }
        if (t.startsWith("last_") && t.endsWith(":") && t.length() > 6) {
            String name = t.substring(5, t.length() - 1);
            if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                throw new ScenarioException("bad header name in keyword [" + t + "]");
            }
            return new Keyword(Kind.LAST_HEADER, 0, name, null, null);
        }
        if (t.startsWith("authentication")) {
            return authentication(t);
        }
        throw new ScenarioException("unsupported keyword [" + t + "]");
    }

    private static Keyword authentication(String t) {
        String user = null;
        String password = null;
        for (String part : t.substring("authentication".length()).trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            switch (name) {
                case "username" -> user = value;
                case "password" -> password = value;
                default -> throw new ScenarioException("unsupported [authentication] argument '" + name
                        + "' (supported: username, password)");
            }
        }
        if (user == null || password == null) {
            throw new ScenarioException("[authentication] needs username=... and password=...");
        }
        return new Keyword(Kind.AUTHENTICATION, 0, null, user, password);
    }

    private static int number(String digits, String keyword) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new ScenarioException("bad number in keyword [" + keyword + "]");
        }
    }

    /**
     * The field index an {@code [authentication]} argument refers to ({@code [field3]} → 3), or -1 when the
     * argument is a literal.
     */
    public static int fieldReference(String argument) {
        if (argument.startsWith("[field") && argument.endsWith("]")) {
            return number(argument.substring(6, argument.length() - 1), argument);
        }
        return -1;
    }
}
