package io.callisto.server.store.internal;

import java.nio.charset.StandardCharsets;

/**
 * The PostgreSQL notification scheme of a cluster. After a committed change a node sends, in the same transaction
 * (so it is delivered only on commit), {@code pg_notify(channel, payload)}:
 * <ul>
 *   <li>channel {@value #LOCATION}, payload {@code node TAB aor}: reload that AoR;</li>
 *   <li>channel {@value #CREDENTIALS}, payload {@code node TAB realm TAB user}: reload that credential;</li>
 *   <li>either channel, payload {@code node TAB *}: reload everything (a part contained a TAB, or the payload would
 *       exceed PostgreSQL's 8000-byte limit).</li>
 * </ul>
 * A node ignores the notifications that carry its own node id (it applied the change already).
 */
public final class Notifications {

    /** Channel of location changes. */
    public static final String LOCATION = "callisto_location";
    /** Channel of credential changes. */
    public static final String CREDENTIALS = "callisto_credentials";
    /** The "reload everything" subject. */
    public static final String ALL = "*";

    private static final int MAX_PAYLOAD_BYTES = 7900;

    private Notifications() {
    }

    /** The payload announcing {@code parts} (joined by TAB) from {@code node}. */
    public static String payload(String node, String... parts) {
        for (String p : parts) {
            if (p.indexOf('\t') >= 0) {
                return node + "\t" + ALL;
            }
        }
        String s = node + "\t" + String.join("\t", parts);
        return s.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES ? node + "\t" + ALL : s;
    }

    /** The node id of a payload (before the first TAB); the whole payload when it has none. */
    public static String node(String payload) {
        int tab = payload.indexOf('\t');
        return tab < 0 ? payload : payload.substring(0, tab);
    }

    /** The subject of a payload (after the first TAB): an AoR, {@code realm TAB user}, or {@link #ALL}. */
    public static String subject(String payload) {
        int tab = payload.indexOf('\t');
        return tab < 0 ? ALL : payload.substring(tab + 1);
    }
}
