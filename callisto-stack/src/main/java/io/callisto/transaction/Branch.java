package io.callisto.transaction;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Via branch values for new client transactions (RFC 3261 §8.1.1.7): the magic cookie {@code z9hG4bK} followed by
 * 20 random characters of a 32-letter lower-case alphabet (100 random bits), so that a branch is unique across
 * space and time and cannot be guessed by an off-path party that has not seen earlier branches.
 *
 * <p>Lower case only: branch values compare case-insensitively (§7.3.1), and the transaction tables key on the
 * lower-cased branch, which for these values is the value itself (no copy).
 *
 * <p>Randomness comes from {@link ThreadLocalRandom}: fast and contention-free on every thread, but not a
 * cryptographic generator, so a party that observes many branches from one thread could in principle predict
 * later ones. Branches are visible on the path anyway; they protect against blind (off-path) response spoofing.
 */
public final class Branch {

    private static final byte[] COOKIE = "z9hG4bK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".getBytes(StandardCharsets.US_ASCII);
    private static final int RANDOM_CHARS = 20;

    private Branch() {
    }

    /** A new branch: {@code z9hG4bK} and 20 random characters from {@code [0-9a-v]}. Thread-safe. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long a = random.nextLong();
        long b = random.nextLong();
        byte[] out = new byte[COOKIE.length + RANDOM_CHARS];
        System.arraycopy(COOKIE, 0, out, 0, COOKIE.length);
        int p = COOKIE.length;
        for (int i = 0; i < 12; i++) { // 60 bits of a
            out[p++] = ALPHABET[(int) (a & 31)];
            a >>>= 5;
        }
        for (int i = 0; i < 8; i++) { // 40 bits of b
            out[p++] = ALPHABET[(int) (b & 31)];
            b >>>= 5;
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
