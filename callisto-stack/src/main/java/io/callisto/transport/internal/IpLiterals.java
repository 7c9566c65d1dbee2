package io.callisto.transport.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * IP literals in Via and URI hosts, read without ever asking DNS. A host that is not an IPv4 dotted quad or an
 * IPv6 reference is a domain name.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /** The address an IP literal names ({@code 192.0.2.1}, {@code [2001:db8::1]} or {@code 2001:db8::1}), else null. */
    public static InetAddress parse(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host;
        if (h.charAt(0) == '[') {
            if (h.length() < 3 || h.charAt(h.length() - 1) != ']') {
                return null;
            }
            h = h.substring(1, h.length() - 1);
        }
        byte[] quad = dottedQuad(h);
        if (quad != null) {
            try {
                return InetAddress.getByAddress(quad); // every response to a UDP request comes here: no re-parse
            } catch (UnknownHostException e) {
                return null; // four bytes are always an IPv4 address
            }
        }
        if (!isIpv6(h)) {
            return null;
        }
        try {
            return InetAddress.getByName(h); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The text written in a {@code received} parameter: the address without brackets or zone (RFC 3261 §20.42). */
    public static String text(InetAddress a) {
        if (a instanceof java.net.Inet6Address) {
            return compressed(a.getAddress());
        }
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        return pct >= 0 ? s.substring(0, pct) : s;
    }

    /** RFC 5952 §4 text of an IPv6 address: no leading zeros, the longest run of two or more zero groups as "::". */
    static String compressed(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** A form of a host for equality tests: IP literals in one canonical text, names in lower case. */
    public static String normalize(String host) {
        InetAddress a = parse(host);
        return a != null ? text(a) : host.toLowerCase(Locale.ROOT);
    }

    /** True when {@code host} is an IP literal for exactly {@code address} (every received request's Via). */
    public static boolean sameAddress(String host, InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] quad = dottedQuad(host);
        if (quad != null) { // the common case: read once, without an InetAddress per message
            return address instanceof java.net.Inet4Address && Arrays.equals(quad, address.getAddress());
        }
        InetAddress a = parse(host);
        return a != null && Arrays.equals(a.getAddress(), address.getAddress());
    }

    /** The four bytes of a dotted quad (decimal parts of at most three digits, each at most 255), else null. */
    private static byte[] dottedQuad(String s) {
        byte[] out = new byte[4];
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && parts < 3) {
                out[parts++] = (byte) value;
                digits = 0;
                value = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || parts != 3) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    private static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
