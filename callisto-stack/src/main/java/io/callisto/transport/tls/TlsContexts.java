package io.callisto.transport.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Builds the Netty {@link SslContext}s the TLS transport uses: TLS 1.3 and 1.2 only, JDK provider.
 *
 * <p>Peer verification on the client side checks the certificate chain against the trusted CAs; it does not
 * match the certificate's names against the target domain (RFC 5922 §7.2), because the transport layer only
 * sees resolved addresses. A caller that needs name checks wraps the context itself.
 */
public final class TlsContexts {

    /** The protocol versions offered and accepted. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * A server context from a PEM certificate (chain) and its PKCS#8 PEM private key. Clients are not asked for
     * a certificate.
     *
     * @throws SSLException when the files cannot be read or do not hold a usable certificate and key
     */
    public static SslContext server(Path certificatePem, Path privateKeyPem) throws SSLException {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        try {
            return SslContextBuilder.forServer(certificatePem.toFile(), privateKeyPem.toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot load TLS certificate " + certificatePem + " / key " + privateKeyPem
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client context. With {@code trustAll} any server certificate is accepted (development and tests only);
     * otherwise the server's chain must lead to a certificate in {@code trustedCaPem}, or to the JVM's default
     * trust store when that is null.
     *
     * @throws SSLException when the CA file cannot be read
     */
    public static SslContext client(boolean trustAll, Path trustedCaPem) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
        if (trustAll) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (trustedCaPem != null) {
            b.trustManager(trustedCaPem.toFile());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot load trusted CA file " + trustedCaPem + ": " + e.getMessage(), e);
        }
    }

    /** The server context for these settings; they must name a certificate and key. */
    public static SslContext server(TlsSettings settings) throws SSLException {
        if (!settings.hasCertificate()) {
            throw new SSLException("a TLS listening point needs a certificate and private key (TlsSettings)");
        }
        return server(settings.certificate(), settings.privateKey());
    }

    /** The client context for these settings. */
    public static SslContext client(TlsSettings settings) throws SSLException {
        return client(settings.trustAll(), settings.trustedCa());
    }
}
