package io.callisto.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.auth.DigestAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults, realms per domain, challenged methods and the checks on values. */
class AuthConfigTest {

    @Test
    void defaults() {
        AuthConfig c = AuthConfig.defaults();

        assertThat(c.enabled()).isTrue();
        assertThat(c.algorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(c.methods()).containsExactlyInAnyOrder("REGISTER", "INVITE", "MESSAGE", "SUBSCRIBE", "PUBLISH",
                "REFER");
        assertThat(c.nonceLifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.maxFailures()).isEqualTo(10);
        assertThat(c.failureWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.blockDuration()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.checkDigestUri()).isTrue();
        assertThat(c.acceptNoQop()).isFalse();
        assertThat(c.offerAuthInt()).isFalse();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void realmIsTheDomainUnlessConfigured() {
        AuthConfig c = AuthConfig.builder().realm("Example.COM", "Example Users").build();

        assertThat(c.realmFor("example.com")).isEqualTo("Example Users");
        assertThat(c.realmFor("EXAMPLE.com")).isEqualTo("Example Users");
        assertThat(c.realmFor("other.org")).isEqualTo("other.org");
    }

    @Test
    void challengedMethods() {
        AuthConfig c = AuthConfig.defaults();
        assertThat(c.challenges("REGISTER")).isTrue();
        assertThat(c.challenges("INVITE")).isTrue();
        assertThat(c.challenges("OPTIONS")).isFalse();
        assertThat(c.challenges("register")).isFalse();
        assertThat(c.toBuilder().enabled(false).build().challenges("REGISTER")).isFalse();
        assertThat(c.toBuilder().methods(Set.of("OPTIONS")).build().challenges("OPTIONS")).isTrue();
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> AuthConfig.builder().methods(Set.of("INVITE", "ACK")).build())
                .hasMessageContaining("ACK cannot be challenged");
        assertThatThrownBy(() -> AuthConfig.builder().methods(Set.of("CANCEL")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().algorithms(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder()
                .algorithms(List.of(DigestAlgorithm.MD5, DigestAlgorithm.MD5)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().nonceLifetime(Duration.ofMillis(10)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().maxFailures(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().maxTrackedNonces(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().ipv6PrefixLength(129).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthConfig.builder().realm("example.com", "bad\"realm").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
