package io.callisto.auth.internal;

import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the challenges of one kind (WWW-Authenticate or Proxy-Authenticate) from a 401/407 response and picks,
 * for each realm, the one challenge to answer.
 *
 * <p>Each header line is parsed on its own, so a malformed line is skipped without hiding the good ones. Among
 * the answerable challenges of one realm the strongest algorithm wins (SHA-256 over MD5, the local policy RFC 8760
 * §2.4 allows); between equally strong ones the topmost wins, as the server listed them in its order of
 * preference (RFC 8760 §2.3-§2.4, RFC 7616 §3.7). Challenges we cannot answer are ignored (RFC 8760 §2.4).
 */
public final class ChallengeSelector {
    private ChallengeSelector() {}

    /** At most this many realms per header kind are answered; more is not authentication but an attack. */
    public static final int MAX_REALMS = 16;

    /** The offer to answer for each realm, in the order the realms first appear. */
    public static List<DigestOffer> select(SipResponse response, HeaderKey<Challenge> key) {
        List<DigestOffer> chosen = new ArrayList<>(2);
        for (String line : response.headers(key.name().canonical())) {
            for (Challenge c : parse(key, line)) {
                DigestOffer offer = DigestOffer.from(c);
                if (offer != null) {
                    consider(chosen, offer);
                }
            }
        }
        return chosen;
    }

    private static void consider(List<DigestOffer> chosen, DigestOffer offer) {
        for (int i = 0; i < chosen.size(); i++) {
            DigestOffer current = chosen.get(i);
            if (current.realm().equals(offer.realm())) {
                if (offer.algorithm().strength() > current.algorithm().strength()) {
                    chosen.set(i, offer);
                }
                return;
            }
        }
        if (chosen.size() < MAX_REALMS) {
            chosen.add(offer);
        }
    }

    private static List<Challenge> parse(HeaderKey<Challenge> key, String line) {
        try {
            return key.parse(line);
        } catch (ParseError | IllegalArgumentException e) {
            return List.of();
        }
    }
}
