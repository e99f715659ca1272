package io.fleetjobs.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

  private static SecurityConfig withLockout(Duration signInLockout) {
    return new SecurityConfig("./data/security", "admin", null, Duration.ofHours(8), Duration.ofHours(1), null, 12, false, 10,
        signInLockout, null);
  }

  @Test
  void theDefaultLockoutIsAccepted() {
    assertThat(withLockout(Duration.ofMinutes(15)).signInLockout()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aSignInLockoutThatIsNotPositiveIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> withLockout(Duration.ZERO)).hasMessageContaining("fleet.security.sign-in-lockout must be a positive duration");
    assertThatThrownBy(() -> withLockout(Duration.ofMinutes(-1))).hasMessageContaining("fleet.security.sign-in-lockout");
  }
}
