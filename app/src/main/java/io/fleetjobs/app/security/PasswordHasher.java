package io.fleetjobs.app.security;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Operators' passwords as bcrypt hashes ({@code $2y$}, BouncyCastle's OpenBSD implementation), never plain. Checking a
 * password for an unknown user still costs one bcrypt, so response times do not tell which user names exist.
 */
@Singleton
public class PasswordHasher {

  /** bcrypt reads at most 72 bytes; longer passwords would be silently cut. */
  public static final int MAX_BYTES = 72;
  public static final int MIN_LENGTH = 10;

  private final SecureRandom random = new SecureRandom();
  private final int cost;
  private final String dummy;

  PasswordHasher(SecurityConfig config) {
    this.cost = config.passwordHashCost();
    this.dummy = hash("not-a-password-of-anyone");
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
  }

  /** Whether {@code password} matches {@code hash}; a null hash (no password set) never matches. */
  public boolean matches(String password, String hash) {
    boolean encodable = io.fleetjobs.app.common.Text.wellFormed(password);
    if (hash == null || !encodable) {
      // BouncyCastle cannot encode a lone surrogate, and no password is set with one: refused for one bcrypt's time
      OpenBSDBCrypt.checkPassword(dummy, (encodable ? password : "-").toCharArray());
      return false;
    }
    return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
  }

  /** Why {@code password} cannot be a password, or null if it can. */
  public static String weakness(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "a password has at least " + MIN_LENGTH + " characters";
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "a password has at most " + MAX_BYTES + " bytes";
    }
    if (!io.fleetjobs.app.common.Text.wellFormed(password)) {
      return "a password must be well-formed text: it holds a lone surrogate"; // bcrypt hashes its UTF-8 bytes
    }
    return null;
  }
}
