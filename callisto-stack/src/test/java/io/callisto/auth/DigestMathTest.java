package io.callisto.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The Digest computations against the published examples of RFC 7616 §3.9 and RFC 2617 §3.5. */
class DigestMathTest {

    private static final String NONCE_7616 = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE_7616 = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String REALM_7616 = "http-auth@example.org";

    private static String response7616(DigestAlgorithm alg) {
        String secret = DigestMath.secret(alg, "Mufasa", REALM_7616, "Circle of Life".toCharArray());
        String ha1 = DigestMath.ha1(alg, secret, NONCE_7616, CNONCE_7616);
        return DigestMath.response(alg, ha1, NONCE_7616, "00000001", CNONCE_7616, "auth", "GET",
                "/dir/index.html", null);
    }

    @Test
    void rfc7616Section391Md5() {
        assertThat(response7616(DigestAlgorithm.MD5)).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Section391Sha256() {
        assertThat(response7616(DigestAlgorithm.SHA_256))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617Section35() {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String secret = DigestMath.secret(md5, "Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray());
        String response = DigestMath.response(md5, DigestMath.ha1(md5, secret, null, null),
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html",
                null);
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    /**
     * RFC 7616 §3.9.2 is not used as a vector: its userhash and response values are reported wrong (RFC errata
     * 4897, SHA-512/256 of "J\u00e4s\u00f8n Doe:api@example.org" is not the published username). The hash itself is
     * checked against the FIPS 180-4 "abc" vector, and the userhash formula of §3.4.4 against the JDK digest.
     */
    @Test
    void sha512256AndUserhash() throws Exception {
        assertThat(DigestAlgorithm.SHA_512_256.hash("abc"))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
        String user = "J\u00e4s\u00f8n Doe";
        byte[] expected = MessageDigest.getInstance("SHA-512/256")
                .digest((user + ":api@example.org").getBytes(StandardCharsets.UTF_8));
        assertThat(DigestMath.userhash(DigestAlgorithm.SHA_512_256, user, "api@example.org"))
                .isEqualTo(DigestAlgorithm.hex(expected))
                .isEqualTo("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b");
    }

    @Test
    void emptyBodyHashesTheEmptyString() {
        // RFC 3261 §22.4 item 7 and RFC 8760 §2.6 item 7 give these two values.
        assertThat(DigestMath.bodyHash(DigestAlgorithm.MD5, new byte[0])).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(DigestMath.bodyHash(DigestAlgorithm.SHA_256, null))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rfc2069FormWithoutQop() throws Exception {
        String ha1 = md5("bob:biloxi.com:zanzibar");
        String ha2 = md5("REGISTER:sip:biloxi.com");
        String expected = md5(ha1 + ":abc123:" + ha2);
        String secret = DigestMath.secret(DigestAlgorithm.MD5, "bob", "biloxi.com", "zanzibar".toCharArray());
        assertThat(secret).isEqualTo(ha1);
        assertThat(DigestMath.response(DigestAlgorithm.MD5, secret, "abc123", null, null, null, "REGISTER",
                "sip:biloxi.com", null)).isEqualTo(expected);
    }

    @Test
    void authIntCoversTheBody() throws Exception {
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.UTF_8);
        String bodyHash = DigestMath.bodyHash(DigestAlgorithm.MD5, body);
        assertThat(bodyHash).isEqualTo(md5("v=0\r\n"));
        String ha2 = md5("INVITE:sip:bob@biloxi.com:" + bodyHash);
        assertThat(DigestMath.ha2(DigestAlgorithm.MD5, "auth-int", "INVITE", "sip:bob@biloxi.com", bodyHash))
                .isEqualTo(ha2);
        String ha1 = md5("bob:biloxi.com:zanzibar");
        assertThat(DigestMath.response(DigestAlgorithm.MD5, ha1, "n", "0000000a", "c", "auth-int", "INVITE",
                "sip:bob@biloxi.com", bodyHash)).isEqualTo(md5(ha1 + ":n:0000000a:c:auth-int:" + ha2));
    }

    @Test
    void sessionVariantHashesNonceAndCnonceIntoHa1() throws Exception {
        String secret = md5("bob:biloxi.com:zanzibar");
        assertThat(DigestMath.ha1(DigestAlgorithm.MD5_SESS, secret, "n1", "c1")).isEqualTo(md5(secret + ":n1:c1"));
        assertThat(DigestMath.ha1(DigestAlgorithm.MD5, secret, "n1", "c1")).isEqualTo(secret);
    }

    @Test
    void rspauthUsesAnEmptyMethod() throws Exception {
        String ha1 = md5("bob:biloxi.com:zanzibar");
        String ha2 = md5(":sip:bob@biloxi.com");
        assertThat(DigestMath.rspauth(DigestAlgorithm.MD5, ha1, "n", "00000001", "c", "auth", "sip:bob@biloxi.com",
                null)).isEqualTo(md5(ha1 + ":n:00000001:c:auth:" + ha2));
    }

    @Test
    void nonceCountIsEightLowerCaseHexDigits() {
        assertThat(DigestMath.nc(1)).isEqualTo("00000001");
        assertThat(DigestMath.nc(0xabc)).isEqualTo("00000abc");
        assertThat(DigestMath.nc(0xFFFF_FFFFL)).isEqualTo("ffffffff");
        assertThatThrownBy(() -> DigestMath.nc(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestMath.nc(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesIgnoresHexCaseOnly() {
        assertThat(DigestMath.matches("8ca523f5", "8CA523F5")).isTrue();
        assertThat(DigestMath.matches("8ca523f5", "8ca523f6")).isFalse();
        assertThat(DigestMath.matches("8ca523f5", "8ca523f")).isFalse();
        assertThat(DigestMath.matches(null, "8ca523f5")).isFalse();
    }

    @Test
    void passwordIsHashedAsUtf8() throws Exception {
        String secret = DigestMath.secret(DigestAlgorithm.MD5, "u", "r", "p\u00e4ss".toCharArray());
        assertThat(secret).isEqualTo(md5("u:r:p\u00e4ss"));
    }

    static String md5(String s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        byte[] d = md.digest(s.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (byte b : d) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
