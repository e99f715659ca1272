package io.fleetjobs.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Files holding secrets, readable and writable by the service's user only (POSIX 600, folder 700). Creation is
 * atomic, so two starts racing cannot leave a half-written or world-readable secret.
 */
public final class SecretFiles {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private SecretFiles() {}

  /** The secret in {@code file}, creating it with {@code bytes} random bytes (base64url) if it does not exist. */
  public static String readOrCreate(Path file, int bytes) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] secret = new byte[bytes];
      RANDOM.nextBytes(secret);
      String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      try {
        write(file, value);
        return value;
      } catch (FileAlreadyExistsException raced) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret file " + file, e);
    }
  }

  /** Writes a new file readable by its owner only; fails if it exists. */
  public static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      ownerOnly(dir, "rwx------");
    }
    Path tmp = Files.createTempFile(dir, ".tmp-", ".secret");
    try {
      ownerOnly(tmp, "rw-------");
      Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file); // no REPLACE_EXISTING: never overwrite
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A random password of {@code length} characters from an alphabet without look-alikes (0/O, 1/l/I). */
  public static String password(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  /** {@code bytes} random bytes, base64url without padding. */
  public static String token(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void ownerOnly(Path path, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException notPosix) {
      // a non-POSIX file system (Windows): its default ACLs apply
    }
  }
}
