package io.callisto.media.call.internal;

import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.dtmf.TelephoneEvent;
import io.callisto.sip.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * DTMF in SIP INFO (RFC 6086 carries it; the body formats are de facto): {@code application/dtmf-relay} with
 * {@code Signal=5} and {@code Duration=160} lines, and {@code application/dtmf} with just the digit. The fallback
 * when the peer did not agree to telephone-events (RFC 4733).
 */
public final class DtmfRelay {

    /** The content type of the bodies this class writes. */
    public static final String TYPE = "application/dtmf-relay";

    private DtmfRelay() {
    }

    /** The INFO body for {@code digit} lasting {@code millis}. */
    public static String body(char digit, int millis) {
        return "Signal=" + digit + "\r\nDuration=" + millis + "\r\n";
    }

    /** The digit an INFO body carries, or empty when it is not a DTMF body or holds no valid digit. */
    public static Optional<DtmfDigit> parse(MediaType type, byte[] body) {
        if (type == null || body == null || body.length == 0 || body.length > 512
                || !type.type().equalsIgnoreCase("application")) {
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (type.subtype().equalsIgnoreCase("dtmf")) {
            return digit(text, 250);
        }
        if (!type.subtype().equalsIgnoreCase("dtmf-relay")) {
            return Optional.empty();
        }
        String signal = null;
        int duration = 250;
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (name.equalsIgnoreCase("Signal")) {
                signal = value;
            } else if (name.equalsIgnoreCase("Duration")) {
                try {
                    duration = Math.max(0, Math.min(60_000, Integer.parseInt(value)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return signal == null ? Optional.empty() : digit(signal, duration);
    }

    private static Optional<DtmfDigit> digit(String s, int duration) {
        if (s.length() != 1) {
            return Optional.empty();
        }
        char c = Character.toUpperCase(s.charAt(0));
        return TelephoneEvent.eventOf(c) < 0 ? Optional.empty() : Optional.of(new DtmfDigit(c, duration));
    }
}
