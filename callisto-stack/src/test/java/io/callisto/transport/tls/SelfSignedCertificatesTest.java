package io.callisto.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void writesAUsablePairWithSubjectAltNames() throws Exception {
        Path cert = dir.resolve("sub/cert.pem");
        Path key = dir.resolve("sub/key.pem");
        X509Certificate made = SelfSignedCertificates.generate(cert, key, "sip.example.com", "[2001:db8::5]");

        X509Certificate read;
        try (var in = Files.newInputStream(cert)) {
            read = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(read).isEqualTo(made);
        read.checkValidity();
        read.verify(read.getPublicKey()); // self-signed
        assertThat(read.getSubjectX500Principal().getName()).contains("CN=sip.example.com");
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (List<?> san : read.getSubjectAlternativeNames()) {
            int type = (Integer) san.get(0);
            (type == 2 ? dns : ips).add(String.valueOf(san.get(1)));
        }
        assertThat(dns).containsExactly("sip.example.com");
        assertThat(ips).containsExactlyInAnyOrder("2001:db8:0:0:0:0:0:5", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            Collection<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
            assertThat(perms).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
        }
        // Netty accepts the pair
        assertThat(TlsContexts.server(cert, key).isServer()).isTrue();
        assertThat(TlsContexts.client(false, cert).isClient()).isTrue();
    }

    @Test
    void localhostByDefault() throws Exception {
        X509Certificate c = SelfSignedCertificates.generate(dir.resolve("c.pem"), dir.resolve("k.pem"));
        assertThat(c.getSubjectX500Principal().getName()).contains("CN=localhost");
    }
}
