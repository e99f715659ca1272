package io.fleetjobs.app.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Device secrets as salted SHA-512 hashes in mosquitto's password-file format ({@code $6$<salt>$<hash>}, both base64,
 * hash = SHA-512(secret || salt)), so the same stored value checks a device on the embedded broker and can be exported
 * as-is to an external mosquitto. One fast hash is enough: a device secret is 192 random bits, not a password a
 * person chose, so it cannot be guessed from its hash, and a reconnecting fleet of 100,000 devices costs milliseconds.
 */
public final class SecretHash {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "$6$";

  private SecretHash() {}

  /** A fresh salted hash of {@code secret}; also how the service's own account goes into a mosquitto password file. */
  public static String of(String secret) {
    byte[] salt = new byte[12];
    RANDOM.nextBytes(salt);
    return PREFIX + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(digest(secret, salt));
  }

  /** Whether {@code secret} matches {@code hash}, in time independent of where they differ. */
  public static boolean matches(String secret, String hash) {
    if (secret == null || hash == null || !hash.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = hash.substring(PREFIX.length()).split("\\$");
    if (parts.length != 2) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[0]);
      return MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), digest(secret, salt));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static byte[] digest(String secret, byte[] salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      sha.update(secret.getBytes(StandardCharsets.UTF_8));
      sha.update(salt);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
