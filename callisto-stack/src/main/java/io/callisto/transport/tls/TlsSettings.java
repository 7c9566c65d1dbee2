package io.callisto.transport.tls;

import java.nio.file.Path;

/**
 * Where a transport layer finds its TLS material (RFC 3261 §26.2: SIP over TLS).
 *
 * @param certificate PEM file with our certificate (chain first-to-last); required when a TLS listening point
 *                    exists, optional otherwise
 * @param privateKey  PEM file with the certificate's private key in PKCS#8 ("BEGIN PRIVATE KEY")
 * @param trustedCa   PEM file with the certificates that may sign a peer's certificate, or null for the JVM's
 *                    default trust store
 * @param trustAll    accept any peer certificate without verification: for development and tests only, never in
 *                    production
 */
public record TlsSettings(Path certificate, Path privateKey, Path trustedCa, boolean trustAll) {

    /** No certificate, the JVM's default trust store. */
    public static final TlsSettings NONE = new TlsSettings(null, null, null, false);

    /** Checks that the certificate and its key come together. */
    public TlsSettings {
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("a TLS certificate and its private key must be given together");
        }
    }

    /** True when a certificate and key are configured (a TLS listening point can then accept connections). */
    public boolean hasCertificate() {
        return certificate != null;
    }
}
