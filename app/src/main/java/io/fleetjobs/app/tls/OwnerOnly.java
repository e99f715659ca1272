package io.fleetjobs.app.tls;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files holding private keys or passwords: readable and writable by their owner only (POSIX 600). */
public final class OwnerOnly {

  private static final Set<PosixFilePermission> RW_OWNER = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnly() {}

  /**
   * Writes the bytes into a file that is owner-only before anything is in it: created with 600, or an existing file
   * narrowed to 600 first, so the secret is never readable by others even for a moment.
   */
  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (POSIX && !Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(RW_OWNER));
    } else {
      restrict(file);
    }
    Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** Narrows an existing file to 600 (a no-op where the file system has no POSIX permissions). */
  public static void restrict(Path file) throws IOException {
    if (POSIX && Files.exists(file)) {
      Files.setPosixFilePermissions(file, RW_OWNER);
    }
  }
}
