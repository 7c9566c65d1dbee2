package io.callisto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Token parsing, strength order and encodings of the Digest algorithms (RFC 7616 §3.3, §6.1; RFC 8760 §2.2). */
class DigestAlgorithmTest {

    @Test
    void tokensParseCaseInsensitively() {
        assertThat(DigestAlgorithm.fromToken("MD5")).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("md5-SESS")).isEqualTo(DigestAlgorithm.MD5_SESS);
        assertThat(DigestAlgorithm.fromToken("SHA-256")).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("SHA-256-sess")).isEqualTo(DigestAlgorithm.SHA_256_SESS);
        assertThat(DigestAlgorithm.fromToken("sha-512-256")).isEqualTo(DigestAlgorithm.SHA_512_256);
        assertThat(DigestAlgorithm.fromToken("SHA-512-256-sess")).isEqualTo(DigestAlgorithm.SHA_512_256_SESS);
    }

    @Test
    void absentMeansMd5AndUnknownMeansNone() {
        assertThat(DigestAlgorithm.fromToken(null)).isEqualTo(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("SHA-1")).isNull();
        assertThat(DigestAlgorithm.fromToken("")).isNull();
        assertThat(DigestAlgorithm.fromToken("SHA-256-sessx")).isNull();
    }

    @Test
    void sessionFlagAndToken() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            assertThat(a.isSession()).isEqualTo(a.token().endsWith("-sess"));
            assertThat(DigestAlgorithm.fromToken(a.token())).isEqualTo(a);
        }
    }

    @Test
    void sha2IsStrongerThanMd5() {
        assertThat(DigestAlgorithm.SHA_256.strength()).isGreaterThan(DigestAlgorithm.MD5.strength());
        assertThat(DigestAlgorithm.SHA_512_256.strength()).isEqualTo(DigestAlgorithm.SHA_256.strength());
        assertThat(DigestAlgorithm.MD5_SESS.strength()).isEqualTo(DigestAlgorithm.MD5.strength());
    }

    @Test
    void hashesAreLowerCaseHexOfTheRightLength() {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            assertThat(a.isAvailable()).as(a.token()).isTrue();
            String h = a.hash("abc");
            assertThat(h).hasSize(a.hexLength()).matches("[0-9a-f]+");
        }
        assertThat(DigestAlgorithm.MD5.hash("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(DigestAlgorithm.SHA_256.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(DigestAlgorithm.hex(new byte[] {0, 15, (byte) 0xf0, (byte) 0xff})).isEqualTo("000ff0ff");
    }
}
