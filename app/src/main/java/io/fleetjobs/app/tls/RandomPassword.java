package io.fleetjobs.app.tls;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords for generated keystores: 144 random bits, URL-safe Base64 (nothing to escape in XML or properties). */
final class RandomPassword {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomPassword() {}

  static String next() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
