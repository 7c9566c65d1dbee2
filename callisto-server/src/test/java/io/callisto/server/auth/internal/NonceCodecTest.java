package io.callisto.server.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stateless nonces: what was minted verifies, anything else does not, and nothing throws. */
class NonceCodecTest {
    private static final long NOT_OURS = Long.MIN_VALUE;
    private final NonceCodec codec = new NonceCodec("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void mintedNonceCarriesItsIssueTime() {
        String nonce = codec.mint("example.com", 1_700_000_000_123L);

        assertThat(nonce).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(codec.issuedAt(nonce, "example.com")).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void noncesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(codec.mint("example.com", 5))).isTrue();
        }
    }

    @Test
    void anotherRealmOrSecretDoesNotVerify() {
        String nonce = codec.mint("example.com", 42);

        assertThat(codec.issuedAt(nonce, "example.org")).isEqualTo(NOT_OURS);
        assertThat(new NonceCodec("fedcba9876543210fedcba9876543210".getBytes()).issuedAt(nonce, "example.com"))
                .isEqualTo(NOT_OURS);
    }

    @Test
    void everySingleCharacterChangeIsDetected() {
        String nonce = codec.mint("example.com", 42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < nonce.length(); i++) {
            for (int k = 0; k < alphabet.length(); k++) {
                char c = alphabet.charAt(k);
                if (c != nonce.charAt(i)) {
                    String forged = nonce.substring(0, i) + c + nonce.substring(i + 1);
                    assertThat(codec.issuedAt(forged, "example.com")).as(forged).isEqualTo(NOT_OURS);
                }
            }
        }
    }

    @Test
    void garbageIsNotOursAndNeverThrows() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[i % 2 == 0 ? 43 : random.nextInt(90)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (0x20 + random.nextInt(0x5f));
            }
            assertThat(codec.issuedAt(new String(chars), "example.com")).isEqualTo(NOT_OURS);
        }
        assertThat(codec.issuedAt(null, "example.com")).isEqualTo(NOT_OURS);
        assertThat(codec.issuedAt("", "example.com")).isEqualTo(NOT_OURS);
    }

    @Test
    void secretMustBeLongEnough() {
        assertThatThrownBy(() -> new NonceCodec(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonceCodec(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
