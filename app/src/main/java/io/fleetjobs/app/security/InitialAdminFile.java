package io.fleetjobs.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.inject.Singleton;

/**
 * The file that holds the first start's generated admin password ({@code dataDir/initial-admin-password}, readable by
 * its owner only). It is removed once that admin sets a password of their own, so it never holds a live secret
 * longer than needed.
 */
@Singleton
public class InitialAdminFile {

  static final String NAME = "initial-admin-password";

  private final Path file;
  private final String admin;

  InitialAdminFile(SecurityConfig config) {
    this.file = Path.of(config.dataDir()).resolve(NAME);
    this.admin = config.initialAdmin();
  }

  public Path path() {
    return file;
  }

  void write(String password) {
    try {
      Files.deleteIfExists(file);
      SecretFiles.write(file, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Removes the file when {@code username}, the initial admin, changed their password. */
  void forget(String username) {
    if (admin.equals(username)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + file, e);
      }
    }
  }
}
