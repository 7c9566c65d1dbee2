package io.callisto.media.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B test vectors for the AES-CM keystream (B.2) and the key derivation (B.3). */
class Rfc3711VectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.toLowerCase());
    }

    @Test
    void aesCounterModeKeystreamB2() {
        AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        int blocks = 0xff02;
        byte[] ks = new byte[blocks * 16];
        cm.keystream(iv, ks, 0, ks.length);
        assertThat(block(ks, 0)).isEqualTo("E03EAD0935C95E80E166B16DD92B4EB4");
        assertThat(block(ks, 1)).isEqualTo("D23513162B02D0F72A43A2FE4A5F97AB");
        assertThat(block(ks, 2)).isEqualTo("41E95B3BB0A2E8DD477901E4FCA894C0");
        assertThat(block(ks, 0xfeff)).isEqualTo("EC8CDF7398607CB0F2D21675EA9EA1E4");
        assertThat(block(ks, 0xff00)).isEqualTo("362B7C3C6773516318A077D7FC5073AE");
        assertThat(block(ks, 0xff01)).isEqualTo("6A2CC3787889374FBEB4C81B17BA6C44");
    }

    private static String block(byte[] ks, int j) {
        return HEX.formatHex(ks, j * 16, j * 16 + 16).toUpperCase();
    }

    @Test
    void applyingTheKeystreamTwiceGivesTheDataBack() {
        AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] data = new byte[173];
        new Random(1).nextBytes(data);
        byte[] copy = data.clone();
        cm.apply(iv, copy, 0, copy.length);
        assertThat(copy).isNotEqualTo(data);
        byte[] ks = new byte[173];
        cm.keystream(iv, ks, 0, ks.length);
        for (int i = 0; i < ks.length; i++) {
            assertThat((byte) (copy[i] ^ ks[i])).isEqualTo(data[i]);
        }
        cm.apply(iv, copy, 0, copy.length);
        assertThat(copy).isEqualTo(data);
    }

    @Test
    void keyDerivationB3() {
        byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
        AesCounterMode prf = new AesCounterMode(masterKey);
        assertThat(SessionKeys.prf(prf, masterSalt, 0x00, 0, 16)).isEqualTo(hex("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(SessionKeys.prf(prf, masterSalt, 0x02, 0, 14)).isEqualTo(hex("30CBBC08863D8C85D49DB34A9AE1"));
        // B.3 lists 94 octets of auth key; SRTP's HMAC-SHA1 uses the first 20 (n_a = 160)
        byte[] authKey94 = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2");
        assertThat(SessionKeys.prf(prf, masterSalt, 0x01, 0, 94)).isEqualTo(authKey94);
        assertThat(SessionKeys.prf(prf, masterSalt, 0x01, 0, 20)).isEqualTo(Arrays.copyOf(authKey94, 20));
    }

    @Test
    void keyDerivationWithNonZeroEpochChangesTheKey() {
        byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
        AesCounterMode prf = new AesCounterMode(masterKey);
        byte[] r0 = SessionKeys.prf(prf, masterSalt, 0, 0, 16);
        byte[] r1 = SessionKeys.prf(prf, masterSalt, 0, 1, 16);
        assertThat(r1).isNotEqualTo(r0);
        // r XORs into the low 48 bits of x: epoch 1 is the same PRF input as salt with its last byte ^ 1
        byte[] salt1 = masterSalt.clone();
        salt1[13] ^= 1;
        assertThat(SessionKeys.prf(prf, salt1, 0, 0, 16)).isEqualTo(r1);
    }

    @Test
    void hmacSha1MatchesTheJdkMac() throws Exception {
        byte[] key = new byte[20];
        Random r = new Random(7);
        r.nextBytes(key);
        HmacSha1 h = new HmacSha1(key);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        for (int len : new int[] {0, 12, 55, 64, 172, 1500}) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            byte[] out = new byte[20];
            h.compute(data, 0, len, true, 0x01020304, out, 0);
            mac.update(data);
            mac.update(new byte[] {1, 2, 3, 4});
            assertThat(out).isEqualTo(mac.doFinal());
            h.compute(data, 0, len, false, 0, out, 0);
            assertThat(out).isEqualTo(mac.doFinal(data));
        }
    }
}
