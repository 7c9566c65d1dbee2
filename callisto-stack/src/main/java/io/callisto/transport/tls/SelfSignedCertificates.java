package io.callisto.transport.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Generates a self-signed certificate and its private key as PEM files, for development and tests of the TLS
 * transport. The key is ECDSA P-256; the certificate is valid from one day ago for one year, names the first
 * host in its subject (CN) and lists every host in its subjectAltName (DNS names as dNSName, IP literals as
 * iPAddress), always including {@code 127.0.0.1} and {@code ::1} so that loopback connections verify.
 *
 * <p>BouncyCastle writes the certificate: the JDK has no public API for encoding an X.509 certificate.
 */
public final class SelfSignedCertificates {

    private static final Duration VALIDITY = Duration.ofDays(365);

    private SelfSignedCertificates() {
    }

    /**
     * Writes a new certificate to {@code certPem} and its PKCS#8 private key to {@code keyPem} (readable by the
     * owner only where the file system supports POSIX permissions), replacing existing files.
     *
     * @param hostnames DNS names and IP literals for the subjectAltName; "localhost" when none is given
     * @return the certificate that was written
     * @throws IOException when a file cannot be written or the JDK lacks ECDSA P-256
     */
    public static X509Certificate generate(Path certPem, Path keyPem, String... hostnames) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String h : hostnames) {
            if (h != null && !h.isBlank()) {
                names.add(stripBrackets(h.trim()));
            }
        }
        if (names.isEmpty()) {
            names.add("localhost");
        }
        names.add("127.0.0.1");
        names.add("::1");
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = kpg.generateKeyPair();
            X509Certificate cert = build(pair, names);
            writePem(certPem, "CERTIFICATE", cert.getEncoded(), false);
            writePem(keyPem, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            return cert;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate build(KeyPair pair, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Callisto development")
                .addRDN(BCStyle.CN, names.iterator().next())
                .build();
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames(names)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
        cert.verify(pair.getPublic());
        return cert;
    }

    private static GeneralName[] altNames(Set<String> names) {
        List<GeneralName> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (IPAddress.isValid(n)) {
                out.add(new GeneralName(GeneralName.iPAddress, n));
            } else {
                out.add(new GeneralName(GeneralName.dNSName, n.toLowerCase(Locale.ROOT)));
            }
        }
        return out.toArray(new GeneralName[0]);
    }

    private static String stripBrackets(String h) {
        return h.length() > 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']'
                ? h.substring(1, h.length() - 1) : h;
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                PemWriter pem = new PemWriter(w)) {
            pem.writeObject(new PemObject(type, der));
        }
    }
}
