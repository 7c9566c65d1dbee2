package io.callisto.server.proxy.internal;

import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flow tokens carried in the user part of this proxy's Record-Route URIs, so that later requests of a dialog reach
 * a UA over the flow the dialog was set up on (RFC 5626 §5.3, and a UA behind NAT reached at its source address).
 * A token is {@code base64url(mac || flow)}: the flow (transport, connection id, local and remote address) and an
 * 80-bit HMAC-SHA256 of it under a key drawn at random when the process starts (RFC 5626 §5.2 shows the same
 * construction). A token that was tampered with, or minted before a restart, does not decode, and the request is
 * then routed by its request-URI as if it carried none.
 */
public final class RouteTokens {

    private static final int MAC_BYTES = 10;
    private static final byte[] KEY = new byte[32];
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(RouteTokens::newMac);
    private static final Transport[] TRANSPORTS = Transport.values();

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private RouteTokens() {
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The token of {@code flow} (its local address may be null for a UDP source address). */
    public static String encode(Flow flow) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) flow.transport().ordinal());
        b.putLong(flow.connectionId());
        put(b, flow.local());
        put(b, flow.remote());
        byte[] payload = Arrays.copyOf(b.array(), b.position());
        byte[] mac = MACS.get().doFinal(payload);
        byte[] out = new byte[MAC_BYTES + payload.length];
        System.arraycopy(mac, 0, out, 0, MAC_BYTES);
        System.arraycopy(payload, 0, out, MAC_BYTES, payload.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The flow of a token, or null when it is not one of ours (malformed, tampered with, or from another run). */
    public static Flow decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 120) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < MAC_BYTES + 1 + 8 + 2) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(raw, MAC_BYTES, raw.length);
        byte[] mac = MACS.get().doFinal(payload);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac, MAC_BYTES), Arrays.copyOf(raw, MAC_BYTES))) {
            return null;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            int t = b.get();
            if (t < 0 || t >= TRANSPORTS.length) {
                return null;
            }
            long id = b.getLong();
            InetSocketAddress local = get(b);
            InetSocketAddress remote = get(b);
            return remote == null ? null : new Flow(TRANSPORTS[t], local, remote, id);
        } catch (RuntimeException | UnknownHostException e) {
            return null;
        }
    }

    /** True when {@code flow} is the flow a request arrived on: same transport and remote address. */
    public static boolean sameFlow(Flow token, Flow arrival) {
        return arrival != null && token.transport() == arrival.transport() && token.remote().equals(arrival.remote());
    }

    private static void put(ByteBuffer b, InetSocketAddress a) {
        if (a == null) {
            b.put((byte) 0);
            return;
        }
        byte[] ip = a.getAddress().getAddress();
        b.put((byte) ip.length).put(ip).putShort((short) a.getPort());
    }

    private static InetSocketAddress get(ByteBuffer b) throws UnknownHostException {
        int len = b.get();
        if (len == 0) {
            return null;
        }
        if (len != 4 && len != 16) {
            throw new IllegalArgumentException("address length " + len);
        }
        byte[] ip = new byte[len];
        b.get(ip);
        int port = b.getShort() & 0xffff;
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }
}
