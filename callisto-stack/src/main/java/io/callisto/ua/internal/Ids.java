package io.callisto.ua.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers: Call-IDs (§8.1.1.4) and tags (§19.3), unguessable enough and cheap to make. */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private Ids() {
    }

    /** A tag: 10 random alphanumerics (about 59 bits, §19.3 asks for at least 32). */
    public static String tag() {
        return random(10);
    }

    /** A Call-ID: 20 random alphanumerics, optionally {@code @host}. */
    public static String callId(String host) {
        String r = random(20);
        return host == null ? r : r + "@" + host;
    }

    static String random(int n) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        char[] c = new char[n];
        long bits = rnd.nextLong();
        int left = 10;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                bits = rnd.nextLong();
                left = 10;
            }
            c[i] = ALPHABET[(int) ((bits & 0x3f) % ALPHABET.length)];
            bits >>>= 6;
            left--;
        }
        return new String(c);
    }
}
