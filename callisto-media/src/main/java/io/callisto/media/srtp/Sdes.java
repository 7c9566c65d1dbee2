package io.callisto.media.srtp;

import io.callisto.sip.sdp.Crypto;
import io.callisto.sip.sdp.CryptoKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SDP security descriptions for SRTP (RFC 4568): building a=crypto lines for an offer or answer, picking the
 * crypto line to accept from an offer (§7.1.2) and checking the one in an answer (§7.1.3). Keys are the "inline"
 * method, 30 bytes of key || salt (§6.1), 28 for AEAD_AES_128_GCM (RFC 7714 §14.1). Session parameters understood: KDR=n (§6.3.1) and WSH=n (§6.3.6);
 * a crypto line with any other session parameter (UNENCRYPTED_SRTP, UNAUTHENTICATED_SRTP, FEC_*, unknown) or
 * with several keys is not accepted.
 */
public final class Sdes {

    private Sdes() {
    }

    /** An a=crypto value offering {@code profile} with {@code key} under {@code tag}, no lifetime, no MKI. */
    public static Crypto crypto(int tag, SrtpProfile profile, SrtpMasterKey key) {
        return Crypto.of(tag, profile.sdesName(), CryptoKey.inline(key.keyAndSalt()));
    }

    /**
     * The crypto line to accept from an offer (RFC 4568 §7.1.2): the first valid one, in the offer's order of
     * preference, whose suite is in {@code supported} and whose parameters are all understood; with the keys
     * for both directions: {@code ownKey} for sending, the offer's key for receiving.
     *
     * @return the keys and the answer's crypto line (same tag, same suite, own key), or empty if none fits
     */
    public static Optional<Selection> select(List<Crypto> offered, List<SrtpProfile> supported,
                                             SrtpMasterKey ownKey) {
        for (Crypto c : offered) {
            Optional<SrtpProfile> profile = SrtpProfile.ofSdesName(c.suite());
            if (profile.isEmpty() || !supported.contains(profile.get())) {
                continue;
            }
            Optional<SrtpPolicy> peer = peerPolicy(c, profile.get());
            SrtpMasterKey key = ownKey.forProfile(profile.get());
            if (peer.isEmpty() || peer.get().masterKey().equals(key)) {
                continue;
            }
            SrtpPolicy own = SrtpPolicy.of(profile.get(), key);
            Crypto answer = crypto(c.tag(), profile.get(), key);
            return Optional.of(new Selection(answer, new SdesKeys(profile.get(), c.tag(), own, peer.get())));
        }
        return Optional.empty();
    }

    /**
     * Checks the crypto line of an answer against the ones offered (RFC 4568 §7.1.3): exactly one, with the tag
     * and suite of an offered line, a valid key different from the offered one, understood parameters.
     *
     * @return the keys, or a reason the SRTP negotiation failed
     */
    public static Result accept(List<Crypto> offered, List<Crypto> answered) {
        if (answered.size() != 1) {
            return new Result(null, answered.isEmpty() ? "answer has no a=crypto"
                    : "answer has " + answered.size() + " a=crypto lines, one is allowed");
        }
        Crypto a = answered.get(0);
        Crypto mine = offered.stream().filter(c -> c.tag() == a.tag()).findFirst().orElse(null);
        if (mine == null) {
            return new Result(null, "answer a=crypto tag " + a.tag() + " was not offered");
        }
        if (!mine.suite().equalsIgnoreCase(a.suite())) {
            return new Result(null, "answer a=crypto tag " + a.tag() + " changes the suite to " + a.suite());
        }
        Optional<SrtpProfile> profile = SrtpProfile.ofSdesName(a.suite());
        Optional<SrtpMasterKey> own = profile.flatMap(p -> masterKey(mine, p));
        if (own.isEmpty()) {
            return new Result(null, "answer selected an a=crypto line we cannot use: " + a.suite());
        }
        Optional<SrtpPolicy> peer = peerPolicy(a, profile.get());
        if (peer.isEmpty()) {
            return new Result(null, "answer a=crypto has an invalid key or unsupported parameters");
        }
        if (peer.get().masterKey().equals(own.get())) {
            return new Result(null, "answer a=crypto reuses the offered key (RFC 4568 §7.1.2)");
        }
        SrtpPolicy send = SrtpPolicy.of(profile.get(), own.get());
        return new Result(new SdesKeys(profile.get(), a.tag(), send, peer.get()), null);
    }

    /** The master key of an inline crypto line with one key of the profile's length (30 or 28 bytes). */
    static Optional<SrtpMasterKey> masterKey(Crypto c, SrtpProfile profile) {
        if (c.keys().size() != 1 || !c.key().isInline()) {
            return Optional.empty();
        }
        try {
            return c.key().keySaltBytes().map(b -> SrtpMasterKey.ofKeyAndSalt(b, profile));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // wrong length: the attribute is invalid (RFC 4568 §6.2.1, RFC 7714 §14.1)
        }
    }

    /** The policy to unprotect what the sender of {@code c} sends, or empty when something is not supported. */
    static Optional<SrtpPolicy> peerPolicy(Crypto c, SrtpProfile profile) {
        Optional<SrtpMasterKey> key = masterKey(c, profile);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        SrtpPolicy p = SrtpPolicy.of(profile, key.get());
        try {
            for (String param : c.sessionParams()) {
                if (param.startsWith("KDR=")) {
                    int n = Integer.parseInt(param.substring(4));
                    if (n < 0 || n > 24) {
                        return Optional.empty();
                    }
                    p = p.withKeyDerivationRate(1L << n);
                } else if (param.startsWith("WSH=")) {
                    int w = Integer.parseInt(param.substring(4));
                    p = p.withReplayWindow(Math.max(SrtpPolicy.DEFAULT_REPLAY_WINDOW, Math.min(w, 32_768)));
                } else {
                    return Optional.empty();
                }
            }
            CryptoKey k = c.key();
            if (k.mki().isPresent()) {
                p = p.withMki(mkiBytes(k.mkiValue().getAsLong(), k.mkiLength().getAsInt()));
            }
            if (k.lifetimePackets().isPresent()) {
                p = p.withLifetime(Math.min(k.lifetimePackets().getAsLong(), SrtpPolicy.MAX_LIFETIME));
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // NumberFormatException, or a value out of range
        }
        return Optional.of(p);
    }

    /** The MKI value as {@code length} big-endian bytes (RFC 4568 §6.1). */
    static byte[] mkiBytes(long value, int length) {
        byte[] b = new byte[length];
        byte[] v = BigInteger.valueOf(value).toByteArray();
        for (int i = 0; i < Math.min(length, v.length); i++) {
            b[length - 1 - i] = v[v.length - 1 - i];
        }
        return b;
    }

    /**
     * The crypto lines of an offer: one per profile, tags 1, 2, ... in the given order, each with its own
     * fresh key (RFC 4568 §7.1.1).
     */
    public static List<Crypto> offer(List<SrtpProfile> profiles, java.security.SecureRandom random) {
        List<Crypto> out = new ArrayList<>();
        int tag = 1;
        for (SrtpProfile p : profiles) {
            out.add(crypto(tag++, p, SrtpMasterKey.random(random, p)));
        }
        return out;
    }

    /**
     * An accepted offer: the a=crypto value for the answer and the keys.
     *
     * @param answer the crypto line to put in the answer
     * @param keys   send and receive policies
     */
    public record Selection(Crypto answer, SdesKeys keys) {
    }

    /**
     * The result of checking an answer: keys, or the reason SRTP failed.
     *
     * @param keys  the keys, null on failure
     * @param error why the answer's crypto is unusable, null on success
     */
    public record Result(SdesKeys keys, String error) {
        /** True when the answer's crypto line was accepted. */
        public boolean ok() {
            return keys != null;
        }
    }
}
